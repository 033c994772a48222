package tsa.runtime.security;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import tsa.runtime.problem.ProblemException;
import tsa.runtime.text.EmailAddress;

/**
 * Who is calling, read from the verified token (never from ids in a body or path), plus where from (the client's
 * address as the ingress forwarded it, and its user agent) for the audit trail.
 */
@RequestScoped
public class Caller {

    @Inject
    JsonWebToken jwt;

    @Inject
    CurrentVertxRequest request;

    @Inject
    TrustedProxies proxies;

    public boolean isAnonymous() {
        return jwt == null || jwt.getRawToken() == null;
    }

    public boolean hasRole(String role) {
        return !isAnonymous() && jwt.getGroups() != null && jwt.getGroups().contains(role);
    }

    public boolean isAdmin() {
        return hasRole(Roles.ADMIN);
    }

    /**
     * The calling service's name: the {@code sub} of a service token, which {@link ServiceKeyBinding} has checked is
     * the service whose own key signed it. Empty for anyone but a service.
     */
    public Optional<String> serviceName() {
        return isAnonymous() ? Optional.empty() : serviceOf(jwt);
    }

    /** The service a verified token stands for: its {@code sub} if it carries the {@code service} role. */
    static Optional<String> serviceOf(JsonWebToken token) {
        if (token == null
                || token.getRawToken() == null
                || token.getGroups() == null
                || !token.getGroups().contains(Roles.SERVICE)) {
            return Optional.empty();
        }
        // sub, never getName(): that prefers upn or preferred_username, claims ServiceKeyBinding does not check.
        String subject = token.getSubject();
        return subject == null || subject.isBlank() ? Optional.empty() : Optional.of(subject);
    }

    /** The caller's email (the {@code email} claim, the sign-in address), lower-cased. */
    public String email() {
        return claim("email").map(EmailAddress::normal).orElseThrow(() -> ProblemException.unauthorized("no session"));
    }

    /** The coach id a coach session carries. */
    public Optional<String> coachId() {
        return claim("coachId");
    }

    /** The invitation a coach or parent session was opened from. */
    public Optional<String> invitationId() {
        return claim("invitationId");
    }

    /** The parent's address a parent session carries. */
    public Optional<String> parentEmail() {
        return claim("parentEmail").map(EmailAddress::normal);
    }

    /** The session id ({@code jti}) that audit records carry. */
    public String sessionId() {
        return isAnonymous() ? null : jwt.getTokenID();
    }

    /** The client's address: the connection's peer, or what a trusted ingress forwarded ({@link TrustedProxies}). */
    public String ipAddress() {
        var http = request.getCurrent();
        if (http == null) {
            return null;
        }
        var remote = http.request().remoteAddress();
        if (remote == null || remote.hostAddress() == null) {
            return null;
        }
        return proxies.clientOf(remote.hostAddress(), http.request().headers().getAll("X-Forwarded-For"));
    }

    public String userAgent() {
        var http = request.getCurrent();
        return http == null ? null : http.request().getHeader("User-Agent");
    }

    private Optional<String> claim(String name) {
        if (isAnonymous()) {
            return Optional.empty();
        }
        Object value = jwt.getClaim(name);
        if (value == null) {
            return Optional.empty();
        }
        String text = value instanceof jakarta.json.JsonString s ? s.getString() : value.toString();
        return text.isBlank() ? Optional.empty() : Optional.of(text);
    }
}
