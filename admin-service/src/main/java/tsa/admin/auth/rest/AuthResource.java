package tsa.admin.auth.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import tsa.admin.auth.service.Portal;
import tsa.admin.auth.service.SessionExchange;
import tsa.admin.auth.service.SignInLinks;

/** Sign-in for the three portals: magic links and their exchange for a session. Anonymous by nature. */
@Path("/api/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource {

    static final String ACCEPTED = "If this address may sign in to this portal, a sign-in link has been sent to it.";

    @Inject
    SignInLinks signInLinks;

    @Inject
    SessionExchange sessions;

    public record MagicLinkRequest(
            @NotBlank @Email @Size(max = 254) String email,

            @NotBlank @Pattern(regexp = "admin|coach|parent", message = "must be admin, coach or parent")
            String portal) {}

    // Native image: sent as the entity of a jakarta.ws.rs.core.Response (or inside a Page), whose type Quarkus
    // can't see, so Jackson's reflection on it (and on the types of its fields) is registered here.
    @RegisterForReflection(registerFullHierarchy = true)
    public record MagicLinkAccepted(String message) {}

    public record SessionRequest(@NotBlank @Size(max = 512) String token) {}

    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record SessionResponse(
            String accessToken,
            String tokenType,
            long expiresIn,
            String role,
            String email,
            String coachId,
            String invitationId,
            String parentEmail) {}

    /** Ask for a sign-in link */
    @POST
    @Path("/magic-links")
    @PermitAll
    public Response requestMagicLink(@NotNull(message = "a body is required") @Valid MagicLinkRequest body) {
        signInLinks.request(body.email(), Portal.of(body.portal()).orElseThrow());
        return Response.accepted(new MagicLinkAccepted(ACCEPTED)).build();
    }

    /** Exchange a link token for a session */
    @POST
    @Path("/sessions")
    @PermitAll
    public SessionResponse createSession(@NotNull(message = "a body is required") @Valid SessionRequest body) {
        SessionExchange.Session session = sessions.exchange(body.token());
        var who = session.identity();
        return new SessionResponse(
                session.accessToken(),
                "Bearer",
                session.expiresIn(),
                who.role(),
                who.email(),
                who.coachId(),
                who.invitationId(),
                who.parentEmail());
    }
}
