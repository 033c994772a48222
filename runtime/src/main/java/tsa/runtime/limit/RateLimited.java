package tsa.runtime.limit;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The resource method counts against the named limit ({@link RateLimitSettings}) of its caller; once the caller has
 * used it up the method is not run and the answer is 429 with {@code Retry-After} ({@link RateLimitExceeded}).
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RateLimited {

    /** The limit's name in {@code tsa.rate-limits.<name>.*}. */
    @Nonbinding
    String value() default "";
}
