package tsa.runtime.client;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.jboss.logging.Logger;

/**
 * Around the fault-tolerance interceptor (priority 4010, so this one, at 4000, is outside it): what it throws on its
 * own (a timeout, an open circuit, a refused bulkhead) becomes {@link RemoteFailure.Unavailable}.
 */
@RemoteService("")
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER)
public class RemoteServiceInterceptor {

    private static final Logger LOG = Logger.getLogger(RemoteServiceInterceptor.class);

    @AroundInvoke
    Object translateFaultTolerance(InvocationContext context) throws Exception {
        try {
            return context.proceed();
        } catch (FaultToleranceException e) {
            RemoteService remote = context.getMethod().getDeclaringClass().getAnnotation(RemoteService.class);
            String service = remote == null ? "another service" : remote.value();
            LOG.warnf(
                    "%s: %s on %s",
                    service, e.getClass().getSimpleName(), context.getMethod().getName());
            throw new RemoteFailure.Unavailable(
                    service,
                    service + " is not answering ("
                            + switch (e.getClass().getSimpleName()) {
                                case "TimeoutException" -> "too slow";
                                case "CircuitBreakerOpenException" -> "circuit open";
                                default -> e.getClass().getSimpleName();
                            }
                            + "); try again later");
        }
    }
}
