package tsa.runtime.security;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import tsa.runtime.problem.ProblemException;

/**
 * Enforces {@link CalledBy}: an internal operation answers only the services it names, 403 problem+json to any other
 * caller. Runs after the token is verified and {@code @RolesAllowed} has admitted the caller, and before the body is
 * read, so a refused service learns nothing about the operation. It reads the verified token itself rather than the
 * {@link Caller} bean, so nothing that stands in for that bean can change who is let through.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class CalledByCheck implements ContainerRequestFilter {

    @Context
    ResourceInfo resource;

    @Inject
    JsonWebToken token;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        CalledBy calledBy = method == null ? null : method.getAnnotation(CalledBy.class);
        if (calledBy == null) {
            return;
        }
        Optional<String> service = Caller.serviceOf(token);
        if (service.isEmpty() || !Arrays.asList(calledBy.value()).contains(service.get())) {
            throw ProblemException.forbidden("this operation is not open to " + service.orElse("this caller"));
        }
    }
}
