package tsa.runtime.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The services allowed to call an internal operation, by service name ({@code "coach-service"}); any other caller is
 * refused with 403 by {@link CalledByCheck}. Put on each internal resource method beside
 * {@code @RolesAllowed(Roles.SERVICE)}; it must equal the operation's {@code x-callers} in the contract (checked by
 * every service's foundation test).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface CalledBy {

    /** The names of the services that may call this operation. */
    String[] value();
}
