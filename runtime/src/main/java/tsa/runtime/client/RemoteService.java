package tsa.runtime.client;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a client wrapper of another TSA service (named by {@link #value()}), so that a timeout or an open circuit
 * of its fault-tolerance profile comes out as {@link RemoteFailure.Unavailable}, like any other unavailability.
 */
@Inherited
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RemoteService {

    /** The other service's name: "coach-service". */
    @Nonbinding
    String value();
}
