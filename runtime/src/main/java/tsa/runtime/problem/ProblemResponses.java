package tsa.runtime.problem;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Response;

/** Builds problem+json responses; the one place that knows the media type and the type URIs. */
public final class ProblemResponses {

    private ProblemResponses() {}

    public static String typeUri(String kind) {
        return "urn:tsa:problem:" + kind;
    }

    /** How long a client should wait before asking again after a 503: the circuit breakers' delay. */
    public static final int RETRY_AFTER_SECONDS = 10;

    public static Response of(Problem problem) {
        Response.ResponseBuilder response =
                Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        if (problem.status() == 503) {
            response.header("Retry-After", RETRY_AFTER_SECONDS);
        }
        return response.build();
    }

    /** Ends a request that a route handler refuses before it reaches a resource. */
    public static void send(RoutingContext ctx, Problem problem) {
        ctx.response()
                .setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(Json.encode(problem));
    }
}
