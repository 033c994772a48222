package tsa.coach.client;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import tsa.coach.client.admin.api.InternalApi;
import tsa.coach.client.admin.model.CoachInvitation;
import tsa.coach.client.admin.model.CoachPermission;

/**
 * admin-service as onboarding sees it: read a coach invitation (prefill, "is it still open?") and accept it. The
 * generated client stays behind this bean, with a timeout, a few quick retries (both calls are idempotent) and a
 * circuit breaker. Remote answers become this service's exceptions: {@link InvitationNotFound} (404),
 * {@link InvitationConflict} (409), and {@link AdminServiceUnavailable} for everything else (unreachable, slow, 5xx,
 * a refused service token, an open circuit), which callers answer with 503. The tolerances can be tuned per method
 * through MicroProfile Fault Tolerance's configuration keys ({@code tsa.coach.client.AdminServiceClient/invitation/
 * Timeout/value}, ...).
 */
@ApplicationScoped
public class AdminServiceClient {

    private static final Logger LOG = Logger.getLogger(AdminServiceClient.class);

    @Inject
    @RestClient
    InternalApi api;

    /**
     * A coach invitation as admin-service shows it; {@code status} is its effective status (expiry applied),
     * {@code permissions} what the admin granted (the contract's {@code CoachPermission} values).
     */
    public record Invitation(String invitationId, String coachId, String coachEmail, String firstName, String lastName,
            String schoolId, String schoolName, String sport, List<String> permissions, String status,
            String expiresAt) {

        public static final String SENT = "sent";
        public static final String ACCEPTED = "accepted";

        public boolean isOpen() {
            return SENT.equals(status);
        }

        public boolean isAccepted() {
            return ACCEPTED.equals(status);
        }
    }

    /** The invitation, read through admin-service's {@code GET /internal/coach-invitations/{id}}. */
    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 150, jitter = 100, abortOn = {InvitationNotFound.class, InvitationConflict.class})
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 1,
            skipOn = {InvitationNotFound.class, InvitationConflict.class})
    @Fallback(fallbackMethod = "invitationUnavailable", skipOn = {InvitationNotFound.class, InvitationConflict.class})
    public Invitation invitation(String invitationId) {
        try {
            return toInvitation(api.getCoachInvitationForOnboarding(invitationId));
        } catch (WebApplicationException e) {
            throw translate(e, "read", invitationId);
        } catch (ProcessingException e) {
            throw new AdminServiceUnavailable(e.getClass().getSimpleName());
        }
    }

    /**
     * Accepts the invitation ({@code POST /internal/coach-invitations/{id}/accept}): idempotent, so retrying is safe;
     * an expired or cancelled invitation is {@link InvitationConflict}.
     */
    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 150, jitter = 100, abortOn = {InvitationNotFound.class, InvitationConflict.class})
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 1,
            skipOn = {InvitationNotFound.class, InvitationConflict.class})
    @Fallback(fallbackMethod = "acceptUnavailable", skipOn = {InvitationNotFound.class, InvitationConflict.class})
    public Invitation accept(String invitationId) {
        try {
            return toInvitation(api.acceptCoachInvitation(invitationId));
        } catch (WebApplicationException e) {
            throw translate(e, "accept", invitationId);
        } catch (ProcessingException e) {
            throw new AdminServiceUnavailable(e.getClass().getSimpleName());
        }
    }

    Invitation invitationUnavailable(String invitationId) {
        throw new AdminServiceUnavailable("no answer reading coach invitation " + invitationId);
    }

    Invitation acceptUnavailable(String invitationId) {
        throw new AdminServiceUnavailable("no answer accepting coach invitation " + invitationId);
    }

    private static RuntimeException translate(WebApplicationException e, String what, String invitationId) {
        int status = e.getResponse() == null ? 0 : e.getResponse().getStatus();
        if (status == 404) {
            return new InvitationNotFound(invitationId);
        }
        if (status == 409) {
            return new InvitationConflict(invitationId);
        }
        if (status == 401 || status == 403) {
            // Our service token was refused: a configuration problem on one side, not the caller's mistake.
            LOG.errorf("admin-service refused our service token (HTTP %d) to %s coach invitation %s", status, what,
                    invitationId);
        }
        return new AdminServiceUnavailable("HTTP " + status);
    }

    private static Invitation toInvitation(CoachInvitation remote) {
        return new Invitation(remote.getInvitationId(), remote.getCoachId(),
                remote.getCoachEmail() == null ? null : remote.getCoachEmail().toLowerCase(), remote.getFirstName(),
                remote.getLastName(), remote.getSchoolId(), remote.getSchoolName(), remote.getSport(),
                remote.getPermissions() == null ? List.of()
                        : remote.getPermissions().stream().filter(Objects::nonNull).map(CoachPermission::value).toList(),
                remote.getInvitationStatus() == null ? null : remote.getInvitationStatus().value(),
                text(remote.getExpiresAt()));
    }

    private static String text(OffsetDateTime time) {
        return time == null ? null : time.toInstant().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /** admin-service knows no such coach invitation (404). */
    public static final class InvitationNotFound extends RuntimeException {
        InvitationNotFound(String invitationId) {
            super("admin-service knows no coach invitation " + invitationId, null, false, false);
        }
    }

    /** admin-service refused the change: the invitation is expired or cancelled (409). */
    public static final class InvitationConflict extends RuntimeException {
        InvitationConflict(String invitationId) {
            super("admin-service refused to accept coach invitation " + invitationId, null, false, false);
        }
    }

    /** admin-service could not be reached, failed, was too slow or the circuit is open: try again later. */
    public static final class AdminServiceUnavailable extends RuntimeException {
        AdminServiceUnavailable(String reason) {
            super("admin-service unavailable: " + reason, null, false, false);
        }
    }
}
