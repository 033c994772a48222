package tsa.admin.auth.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import tsa.runtime.problem.ProblemException;

/** Operations of the contract that a later issue builds; until then each answers 501 problem+json. */
@Path("/api/auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    /** Ask for a sign-in link */
    @POST
    @Path("/magic-links")
    @PermitAll
    public Response requestMagicLink() {
        throw ProblemException.notImplemented("POST /api/auth/magic-links");
    }

    /** Exchange a link token for a session */
    @POST
    @Path("/sessions")
    @PermitAll
    public Response createSession() {
        throw ProblemException.notImplemented("POST /api/auth/sessions");
    }
}
