package tsa.sync.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import tsa.runtime.client.RemoteCalls;
import tsa.runtime.client.RemoteService;
import tsa.runtime.time.Timestamps;
import tsa.sync.client.coach.api.InternalApi;
import tsa.sync.client.coach.model.CoachProfile;
import tsa.sync.client.coach.model.CoachProfilePage;
import tsa.sync.client.coach.model.ProfileStatus;
import tsa.sync.log.service.ProfileSnapshot;

/**
 * coach-service's internal profile reads, for the reconciliation: the paged list by status ({@code status-index})
 * and one profile by id, with the platform's fault-tolerance profile. Remote failures come out as
 * {@link tsa.runtime.client.RemoteFailure}s.
 */
@ApplicationScoped
@RemoteService(CoachServiceClient.SERVICE)
@Timeout
@Retry
@CircuitBreaker
public class CoachServiceClient {

    static final String SERVICE = "coach-service";

    /** One page of profiles of one status. */
    public record ProfilePage(List<ProfileSnapshot> profiles, String nextCursor) {}

    @Inject
    @RestClient
    InternalApi api;

    public ProfilePage listProfiles(String status, String cursor, int limit) {
        CoachProfilePage page = RemoteCalls.call(
                SERVICE,
                "list " + status + " profiles",
                () -> api.listProfilesByStatus(ProfileStatus.fromString(status), limit, cursor));
        List<ProfileSnapshot> profiles = page.getItems() == null
                ? List.of()
                : page.getItems().stream().map(CoachServiceClient::snapshot).toList();
        return new ProfilePage(profiles, page.getNextCursor());
    }

    /** The profile, or empty when coach-service says it does not exist (404). */
    public Optional<ProfileSnapshot> getProfile(String coachId) {
        return RemoteCalls.find(SERVICE, "read profile " + coachId, () -> api.getProfileInternal(coachId))
                .map(CoachServiceClient::snapshot);
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
                p.getCreatedAt() == null
                        ? null
                        : Timestamps.format(p.getCreatedAt().toInstant()),
                p.getUpdatedAt() == null
                        ? null
                        : Timestamps.format(p.getUpdatedAt().toInstant()));
    }
}
