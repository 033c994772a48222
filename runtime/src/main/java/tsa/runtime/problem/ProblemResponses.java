package tsa.runtime.problem;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Response;

/** Builds problem+json responses; the one place that knows the media type and the type URIs. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static String typeUri(String kind) {
        return "urn:tsa:problem:" + kind;
    }

    public static Response of(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** Ends a request that a route handler refuses before it reaches a resource. */
    public static void send(RoutingContext ctx, Problem problem) {
        ctx.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(Json.encode(problem));
    }
}
