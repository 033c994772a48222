package tsa.runtime.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import tsa.runtime.limit.RateLimitExceeded;
import tsa.runtime.text.UnsafeTextException;

/**
 * Turns every exception that reaches a resource boundary into an RFC 9457 body. A client's mistake is a 4xx that
 * says what is wrong; anything else is a 500 that says nothing about the code (the cause is logged).
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        if (e.status() >= 500 && e.status() != 501) {
            LOG.warnf("%s %s: %s", e.status(), uri.getPath(), e.getMessage());
        }
        return ProblemResponses.of(e.toProblem().withInstance(uri.getPath()));
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return ProblemResponses.of(new Problem(
                ProblemResponses.typeUri("validation"), "Invalid request", 400, detail, uri.getPath(), errors));
    }

    /** Named as well, so it wins over Quarkus' own mapper of this type (which answers a bare 400). */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return unreadable(e, uri);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        String detail;
        List<Problem.FieldError> errors = List.of();
        if (e instanceof UnsafeTextException t) {
            String field = t.getPath().isEmpty() ? "body" : pathOf(t);
            detail = "field '" + field + "' " + t.reason();
            errors = List.of(new Problem.FieldError(field, t.reason()));
        } else if (e instanceof UnrecognizedPropertyException u) {
            detail = "unknown field '" + u.getPropertyName() + "'";
            errors = List.of(new Problem.FieldError(pathOf(u), "unknown field"));
        } else if (e instanceof InvalidNullException n) {
            detail = "field '" + pathOf(n) + "' must not be null";
            errors = List.of(new Problem.FieldError(pathOf(n), "must not be null"));
        } else if (e instanceof InvalidFormatException f) {
            detail = "field '" + pathOf(f) + "' has the wrong type or format";
            errors = List.of(new Problem.FieldError(pathOf(f), "wrong type or format"));
        } else if (e instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            detail = "field '" + pathOf(m) + "' has the wrong type";
            errors = List.of(new Problem.FieldError(pathOf(m), "wrong type"));
        } else if (e instanceof MismatchedInputException) {
            detail = "the body must be a JSON object of the documented shape";
        } else {
            detail = "the body is not well-formed JSON";
        }
        return ProblemResponses.of(new Problem(
                ProblemResponses.typeUri("malformed-body"),
                "Malformed request body",
                400,
                detail,
                uri.getPath(),
                errors));
    }

    @ServerExceptionMapper({
        io.quarkus.security.UnauthorizedException.class,
        io.quarkus.security.AuthenticationFailedException.class,
        io.quarkus.security.AuthenticationCompletionException.class
    })
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        // The answer never says why a token was refused (malformed, expired, wrong key, ...).
        return ProblemResponses.of(new Problem(
                ProblemResponses.typeUri("unauthorized"),
                "Unauthorized",
                401,
                "a valid bearer token is required",
                uri.getPath(),
                List.of()));
    }

    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e, UriInfo uri) {
        return ProblemResponses.of(new Problem(
                ProblemResponses.typeUri("forbidden"),
                "Forbidden",
                403,
                "this operation is not open to the caller's role",
                uri.getPath(),
                List.of()));
    }

    /** A call to another service timed out or its circuit is open: the platform is degraded, not the request bad. */
    @ServerExceptionMapper
    public Response degraded(
            org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException e, UriInfo uri) {
        LOG.warnf("503 %s: %s", uri.getPath(), e.getClass().getSimpleName());
        return ProblemResponses.of(new Problem(
                ProblemResponses.typeUri("unavailable"),
                "Service unavailable",
                503,
                "a service this operation needs is not answering; try again later",
                uri.getPath(),
                List.of()));
    }

    /**
     * DynamoDB did not answer in time (tsa's {@code quarkus.dynamodb.api-call-timeout}), could not be reached, or kept
     * throttling or failing after the SDK's own retries with backoff: 503 with {@code Retry-After}, the request may
     * be repeated. Any other refusal of the store is a fault of this service (a 500, logged).
     */
    @ServerExceptionMapper
    public Response store(SdkException e, UriInfo uri) {
        if (!isStoreUnavailable(e)) {
            return unexpected(e, uri);
        }
        LOG.warnf(
                "503 %s: DynamoDB unavailable (%s)", uri.getPath(), e.getClass().getSimpleName());
        return ProblemResponses.of(new Problem(
                ProblemResponses.typeUri("unavailable"),
                "Service unavailable",
                503,
                "a data store this operation needs is not answering; try again later",
                uri.getPath(),
                List.of()));
    }

    static boolean isStoreUnavailable(SdkException e) {
        if (e instanceof SdkClientException) {
            return true; // unreachable, connection reset, call or attempt timed out
        }
        return e instanceof AwsServiceException service
                && (service.isThrottlingException() || service.statusCode() >= 500);
    }

    /** A caller used up a per-caller limit (tsa.runtime.limit): 429, and when to ask again. */
    @ServerExceptionMapper
    public Response tooMany(RateLimitExceeded e, UriInfo uri) {
        return Response.fromResponse(ProblemResponses.of(new Problem(
                        ProblemResponses.typeUri("too-many-requests"),
                        "Too many requests",
                        429,
                        e.detail(),
                        uri.getPath(),
                        List.of())))
                .header("Retry-After", e.retryAfterSeconds())
                .build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            LOG.errorf(e, "%s %s", status, uri.getPath());
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadable(json, uri);
        }
        if (e.getCause() instanceof ProblemException problem) {
            // Thrown while binding a parameter (a @BeanParam such as PageRequest), which JAX-RS wraps.
            return problem(problem, uri);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String detail = status >= 500 ? "the request could not be completed" : title;
        return ProblemResponses.of(
                new Problem(ProblemResponses.typeUri(kindOf(status)), title, status, detail, uri.getPath(), List.of()));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        if (DatabaseUnavailable.causes(e)) {
            // PostgreSQL restarting, failing over or unreachable, or the pool found no live connection in time: the
            // transaction was rolled back by the server, so the request may be repeated. The cause is named, never
            // the statement or its values.
            LOG.warnf("503 %s: PostgreSQL unavailable (%s)", uri.getPath(), DatabaseUnavailable.describe(e));
            return ProblemResponses.of(new Problem(
                    ProblemResponses.typeUri("unavailable"),
                    "Service unavailable",
                    503,
                    "a data store this operation needs is not answering; try again later",
                    uri.getPath(),
                    List.of()));
        }
        LOG.errorf(e, "unexpected error on %s", uri.getPath());
        return ProblemResponses.of(new Problem(
                ProblemResponses.typeUri("internal"),
                "Internal error",
                500,
                "the request could not be completed",
                uri.getPath(),
                List.of()));
    }

    private static String kindOf(int status) {
        return switch (status) {
            case 400 -> "bad-request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "payload-too-large";
            case 414 -> "uri-too-long";
            case 415 -> "unsupported-media-type";
            case 429 -> "too-many-requests";
            case 431 -> "request-header-fields-too-large";
            default -> status >= 500 ? "internal" : "client-error";
        };
    }

    private static String fieldOf(ConstraintViolation<?> v) {
        // "create.arg0.coachEmail" -> "coachEmail": the first two nodes are the method and its parameter.
        String path = v.getPropertyPath().toString();
        String[] parts = path.split("\\.", 3);
        return parts.length == 3 ? parts[2] : parts[parts.length - 1];
    }

    private static String pathOf(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }
}
