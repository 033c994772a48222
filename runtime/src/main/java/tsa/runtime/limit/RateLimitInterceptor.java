package tsa.runtime.limit;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.util.Optional;

/** Applies {@link RateLimited}: counts the call for its caller before the method runs. */
@RateLimited
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER + 100)
public class RateLimitInterceptor {

    @Inject
    RateLimiter limiter;

    @Inject
    RateLimitCallers callers;

    @AroundInvoke
    Object limit(InvocationContext invocation) throws Exception {
        RateLimited binding = invocation.getMethod().getAnnotation(RateLimited.class);
        if (binding == null) {
            binding = invocation.getMethod().getDeclaringClass().getAnnotation(RateLimited.class);
        }
        Optional<String> caller = callers.current();
        if (binding != null && caller.isPresent()) {
            limiter.acquire(binding.value(), caller.get());
        }
        return invocation.proceed();
    }
}
