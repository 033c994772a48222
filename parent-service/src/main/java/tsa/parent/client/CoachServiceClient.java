package tsa.parent.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import tsa.parent.client.coach.api.InternalApi;
import tsa.parent.client.coach.model.CoachProfile;
import tsa.parent.client.coach.model.ParentInvitation;
import tsa.runtime.client.RemoteCalls;
import tsa.runtime.client.RemoteFailure;
import tsa.runtime.client.RemoteService;
import tsa.runtime.text.EmailAddress;

/**
 * coach-service as enrollments see it: read a parent invitation, accept it, read a coach's profile. The generated
 * client stays behind this bean with the platform's fault-tolerance profile (all three calls are idempotent, so
 * retrying is safe). Remote answers come out as {@link RemoteFailure}s; "no such thing" as an empty answer.
 */
@ApplicationScoped
@RemoteService(CoachServiceClient.SERVICE)
@Timeout
@Retry
@CircuitBreaker
public class CoachServiceClient {

    static final String SERVICE = "coach-service";

    @Inject
    @RestClient
    InternalApi api;

    /** A parent invitation as coach-service shows it; {@code status} is its effective status (expiry applied). */
    public record Invitation(
            String invitationId, String coachId, String parentEmail, String studentName, String sport, String status) {

        public static final String ACCEPTED = "accepted";

        /** Expired or cancelled: it can't become an enrollment. */
        public boolean isClosed() {
            return "expired".equals(status) || "cancelled".equals(status);
        }
    }

    /** The public part of a coach's profile (coach-service's {@code PublicCoachProfile}). */
    public record Coach(
            String coachId, String firstName, String lastName, String schoolId, List<String> sportSpecialties) {}

    /** {@code GET /internal/parent-invitations/{id}}; empty when coach-service knows no such invitation. */
    public Optional<Invitation> invitation(String invitationId) {
        return RemoteCalls.find(
                        SERVICE,
                        "read parent invitation " + invitationId,
                        () -> api.getParentInvitationInternal(invitationId))
                .map(CoachServiceClient::toInvitation);
    }

    /**
     * {@code POST /internal/parent-invitations/{id}/accept}: idempotent; an expired or cancelled invitation is
     * {@link RemoteFailure.Conflict}.
     */
    public Invitation accept(String invitationId) {
        return toInvitation(RemoteCalls.call(
                SERVICE, "accept parent invitation " + invitationId, () -> api.acceptParentInvitation(invitationId)));
    }

    /** {@code GET /internal/profiles/{coachId}}, public part only; empty when the coach has no profile. */
    public Optional<Coach> coach(String coachId) {
        return RemoteCalls.find(SERVICE, "read the profile of coach " + coachId, () -> api.getProfileInternal(coachId))
                .map(CoachServiceClient::toCoach);
    }

    private static Invitation toInvitation(ParentInvitation remote) {
        return new Invitation(
                remote.getInvitationId(),
                remote.getCoachId(),
                remote.getParentEmail() == null ? null : EmailAddress.normal(remote.getParentEmail()),
                remote.getStudentName(),
                remote.getSport(),
                remote.getInvitationStatus() == null
                        ? null
                        : remote.getInvitationStatus().value());
    }

    private static Coach toCoach(CoachProfile remote) {
        return new Coach(
                remote.getCoachId(),
                remote.getFirstName(),
                remote.getLastName(),
                remote.getSchoolId(),
                remote.getSportSpecialties() == null ? List.of() : List.copyOf(remote.getSportSpecialties()));
    }
}
