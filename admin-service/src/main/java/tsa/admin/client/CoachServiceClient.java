package tsa.admin.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import tsa.admin.client.coach.api.InternalApi;
import tsa.admin.client.coach.model.ParentInvitationExchange;
import tsa.admin.client.coach.model.ProfileStatus;
import tsa.admin.client.coach.model.ProfileStatusChange;
import tsa.runtime.paging.Page;
import tsa.runtime.problem.ProblemException;
import tsa.runtime.problem.RemoteUnavailable;

/**
 * admin-service's calls to coach-service, through the client generated from coach-service's contract, with timeouts,
 * retries of reads and a circuit breaker. Remote failures become this service's problems; no generated type leaves.
 */
@ApplicationScoped
public class CoachServiceClient {

    private static final Logger LOG = Logger.getLogger(CoachServiceClient.class);

    @Inject
    @RestClient
    InternalApi coachService;

    /** A coach profile as admin-service shows and audits it. */
    public record Coach(String coachId, String firstName, String lastName, String email, String phone,
            String schoolId, List<String> sportSpecialties, String profileStatus, String createdAt,
            String updatedAt, Long version) {
    }

    /** The parent invitation a {@code p} link opened. */
    public record OpenedParentInvitation(String invitationId, String coachId, String parentEmail, String studentName) {
    }

    /** Exchanges a {@code p} token; empty when coach-service does not accept it (bad, expired, used, superseded). */
    @Timeout(3000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10000, failOn = {RemoteUnavailable.class, TimeoutException.class})
    public Optional<OpenedParentInvitation> exchangeParentToken(String token) {
        try {
            var invitation = coachService.exchangeParentInvitation(new ParentInvitationExchange().token(token));
            return Optional.of(new OpenedParentInvitation(invitation.getInvitationId(), invitation.getCoachId(),
                    invitation.getParentEmail(), invitation.getStudentName()));
        } catch (ProcessingException e) {
            throw unavailable("exchange a parent invitation", e);
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404 || e.getResponse().getStatus() == 400) {
                return Optional.empty();
            }
            throw unavailable("exchange a parent invitation", e);
        }
    }

    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 200, retryOn = {RemoteUnavailable.class, TimeoutException.class})
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10000, failOn = {RemoteUnavailable.class, TimeoutException.class})
    public Page<Coach> listByStatus(String status, int limit, String cursor) {
        try {
            var page = coachService.listProfilesByStatus(ProfileStatus.fromString(status), limit, cursor);
            return new Page<>(page.getItems().stream().map(CoachServiceClient::coach).toList(), page.getNextCursor());
        } catch (ProcessingException e) {
            throw unavailable("list coaches", e);
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 400) {
                throw ProblemException.badRequest("coach-service refused the list request");
            }
            throw unavailable("list coaches", e);
        }
    }

    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 200, retryOn = {RemoteUnavailable.class, TimeoutException.class})
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10000, failOn = {RemoteUnavailable.class, TimeoutException.class})
    public Optional<Coach> find(String coachId) {
        try {
            return Optional.of(coach(coachService.getProfileInternal(coachId)));
        } catch (ProcessingException e) {
            throw unavailable("read a coach", e);
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                return Optional.empty();
            }
            throw unavailable("read a coach", e);
        }
    }

    /** Changes a coach's status; the write is idempotent, so a timed-out attempt may be retried. */
    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 200, retryOn = {RemoteUnavailable.class, TimeoutException.class})
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10000, failOn = {RemoteUnavailable.class, TimeoutException.class})
    public Coach changeStatus(String coachId, String status, String reason) {
        try {
            return coach(coachService.changeProfileStatus(coachId,
                    new ProfileStatusChange().profileStatus(ProfileStatus.fromString(status)).reason(reason)));
        } catch (ProcessingException e) {
            throw unavailable("change a coach's status", e);
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                throw ProblemException.notFound("no coach " + coachId);
            }
            if (e.getResponse().getStatus() == 400 || e.getResponse().getStatus() == 409) {
                throw ProblemException.conflict("coach-service refused the status change");
            }
            throw unavailable("change a coach's status", e);
        }
    }

    private static Coach coach(tsa.admin.client.coach.model.CoachProfile p) {
        return new Coach(p.getCoachId(), p.getFirstName(), p.getLastName(), p.getEmail(), p.getPhone(),
                p.getSchoolId(), p.getSportSpecialties() == null ? List.of() : p.getSportSpecialties(),
                p.getProfileStatus() == null ? null : p.getProfileStatus().value(), text(p.getCreatedAt()),
                text(p.getUpdatedAt()), p.getVersion());
    }

    private static String text(OffsetDateTime time) {
        return time == null ? null : time.toInstant().toString();
    }

    private static RemoteUnavailable unavailable(String what, RuntimeException e) {
        String cause = e instanceof WebApplicationException w ? "HTTP " + w.getResponse().getStatus() : e.getClass().getSimpleName();
        LOG.warnf("coach-service could not %s: %s", what, cause);
        return new RemoteUnavailable("coach-service could not " + what);
    }
}
