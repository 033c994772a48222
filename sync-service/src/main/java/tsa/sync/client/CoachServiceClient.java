package tsa.sync.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import tsa.runtime.time.Timestamps;
import tsa.sync.client.coach.api.InternalApi;
import tsa.sync.client.coach.model.CoachProfile;
import tsa.sync.client.coach.model.CoachProfilePage;
import tsa.sync.client.coach.model.ProfileStatus;
import tsa.sync.log.service.ProfileSnapshot;

/**
 * coach-service's internal profile reads, for the reconciliation: the paged list by status ({@code status-index})
 * and one profile by id. Remote failures come out as {@link RemoteServiceException}s.
 */
@ApplicationScoped
public class CoachServiceClient {

    static final String SERVICE = "coach-service";

    /** One page of profiles of one status. */
    public record ProfilePage(List<ProfileSnapshot> profiles, String nextCursor) {
    }

    @Inject
    @RestClient
    InternalApi api;

    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = RemoteRejectionException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = RemoteRejectionException.class)
    @Fallback(fallbackMethod = "listUnavailable", applyOn = FaultToleranceException.class)
    public ProfilePage listProfiles(String status, String cursor, int limit) {
        try {
            CoachProfilePage page = api.listProfilesByStatus(ProfileStatus.fromString(status), limit, cursor);
            List<ProfileSnapshot> profiles = page.getItems() == null ? List.of()
                    : page.getItems().stream().map(CoachServiceClient::snapshot).toList();
            return new ProfilePage(profiles, page.getNextCursor());
        } catch (RuntimeException e) {
            throw RemoteErrors.translate(SERVICE, e);
        }
    }

    /** The profile, or empty when coach-service says it does not exist (404). */
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = RemoteRejectionException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = RemoteRejectionException.class)
    @Fallback(fallbackMethod = "getUnavailable", applyOn = FaultToleranceException.class)
    public Optional<ProfileSnapshot> getProfile(String coachId) {
        try {
            return Optional.of(snapshot(api.getProfileInternal(coachId)));
        } catch (RuntimeException e) {
            if (RemoteErrors.isNotFound(e)) {
                return Optional.empty();
            }
            throw RemoteErrors.translate(SERVICE, e);
        }
    }

    ProfilePage listUnavailable(String status, String cursor, int limit) {
        throw new RemoteServiceException(SERVICE, "did not answer in time or is failing (circuit open)");
    }

    Optional<ProfileSnapshot> getUnavailable(String coachId) {
        throw new RemoteServiceException(SERVICE, "did not answer in time or is failing (circuit open)");
    }

    static ProfileSnapshot snapshot(CoachProfile p) {
        return new ProfileSnapshot(
                p.getCoachId(),
                p.getVersion() == null ? 0 : p.getVersion(),
                p.getFirstName(),
                p.getLastName(),
                p.getEmail(),
                p.getPhone(),
                p.getSchoolId(),
                p.getSportSpecialties(),
                p.getProfileStatus() == null ? null : p.getProfileStatus().value(),
                p.getCreatedAt() == null ? null : Timestamps.format(p.getCreatedAt().toInstant()),
                p.getUpdatedAt() == null ? null : Timestamps.format(p.getUpdatedAt().toInstant()));
    }
}
