package tsa.coach.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import tsa.coach.client.admin.api.InternalApi;
import tsa.coach.client.admin.model.AuditRecordCreate;
import tsa.coach.client.admin.model.CoachInvitation;
import tsa.coach.client.admin.model.CoachPermission;
import tsa.runtime.client.RemoteCalls;
import tsa.runtime.client.RemoteFailure;
import tsa.runtime.client.RemoteService;
import tsa.runtime.text.EmailAddress;

/**
 * admin-service as coach-service uses it: read a coach invitation (prefill, "is it still open?"), accept it, and
 * record audit records of admins' reads (its {@code POST /internal/audit-records}; a retry sends the same
 * {@code logId}, which admin-service records once). The
 * generated client stays behind this bean, with the platform's fault-tolerance profile (both calls are idempotent,
 * so retrying is safe). Remote answers come out as {@link RemoteFailure}s: {@code NotFound} (404), {@code Conflict}
 * (409), {@code Unavailable} (unreachable, slow, 5xx, a refused service token, an open circuit: 503).
 */
@ApplicationScoped
@RemoteService(AdminServiceClient.SERVICE)
@Timeout
@Retry
@CircuitBreaker
public class AdminServiceClient {

    static final String SERVICE = "admin-service";

    @Inject
    @RestClient
    InternalApi api;

    /**
     * A coach invitation as admin-service shows it; {@code status} is its effective status (expiry applied),
     * {@code permissions} what the admin granted (the contract's {@code CoachPermission} values).
     */
    public record Invitation(
            String invitationId,
            String coachId,
            String coachEmail,
            String firstName,
            String lastName,
            String schoolId,
            String schoolName,
            String sport,
            List<String> permissions,
            String status,
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
    public Invitation invitation(String invitationId) {
        return toInvitation(RemoteCalls.call(
                SERVICE,
                "read coach invitation " + invitationId,
                () -> api.getCoachInvitationForOnboarding(invitationId)));
    }

    /**
     * Accepts the invitation ({@code POST /internal/coach-invitations/{id}/accept}): idempotent, so retrying is safe;
     * an expired or cancelled invitation is {@link RemoteFailure.Conflict}.
     */
    public Invitation accept(String invitationId) {
        return toInvitation(RemoteCalls.call(
                SERVICE, "accept coach invitation " + invitationId, () -> api.acceptCoachInvitation(invitationId)));
    }

    /** One audit record ({@code POST /internal/audit-records}); throws a {@link RemoteFailure} when not recorded. */
    public void recordAuditRecord(AuditRecordCreate record) {
        RemoteCalls.run(SERVICE, "record audit record " + record.getLogId(), () -> api.recordAuditRecord(record));
    }

    private static Invitation toInvitation(CoachInvitation remote) {
        return new Invitation(
                remote.getInvitationId(),
                remote.getCoachId(),
                EmailAddress.normal(remote.getCoachEmail()),
                remote.getFirstName(),
                remote.getLastName(),
                remote.getSchoolId(),
                remote.getSchoolName(),
                remote.getSport(),
                remote.getPermissions() == null
                        ? List.of()
                        : remote.getPermissions().stream()
                                .filter(Objects::nonNull)
                                .map(CoachPermission::value)
                                .toList(),
                remote.getInvitationStatus() == null
                        ? null
                        : remote.getInvitationStatus().value(),
                text(remote.getExpiresAt()));
    }

    private static String text(OffsetDateTime time) {
        return time == null
                ? null
                : time.toInstant().truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
