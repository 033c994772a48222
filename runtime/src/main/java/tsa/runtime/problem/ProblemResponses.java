package tsa.runtime.problem;

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
}
