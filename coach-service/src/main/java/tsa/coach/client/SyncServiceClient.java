package tsa.coach.client;

import io.smallrye.faulttolerance.api.CircuitBreakerName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import tsa.coach.client.sync.api.InternalApi;
import tsa.coach.client.sync.model.ProfileChange;
import tsa.coach.client.sync.model.ProfileStatus;
import tsa.coach.client.sync.model.SyncType;
import tsa.runtime.client.RemoteCalls;
import tsa.runtime.client.RemoteFailure;
import tsa.runtime.client.RemoteService;

/**
 * sync-service as coach-service sees it: one call, "here is a profile change", acknowledged by its 202. The generated
 * client stays behind this bean, with the platform's fault-tolerance profile (the operation is idempotent, so
 * retrying is safe), so that an unreachable sync-service costs a profile write little time; {@code ProfileSync}
 * never lets it fail the write: the profile keeps {@code sync_pending} and the re-send job delivers it later.
 */
@ApplicationScoped
@RemoteService(SyncServiceClient.SERVICE)
@Timeout
@Retry
@CircuitBreaker
public class SyncServiceClient {

    static final String SERVICE = "sync-service";

    /** The circuit breaker's name, for {@code CircuitBreakerMaintenance}. */
    public static final String CIRCUIT = "sync-service";

    @Inject
    @RestClient
    InternalApi api;

    /**
     * Sends the change; returns once sync-service has acknowledged it (its 202). Throws a {@link RemoteFailure} when
     * it could not be reached, failed, refused the change, or the circuit is open: the caller keeps the profile
     * {@code sync_pending} and the re-send job delivers it later.
     */
    @CircuitBreakerName(SyncServiceClient.CIRCUIT)
    public void deliver(ProfileChangeNotice notice) {
        RemoteCalls.run(
                SERVICE,
                "take the change of profile " + notice.coachId() + " version " + notice.version(),
                () -> api.receiveProfileChange(toContract(notice)));
    }

    static ProfileChange toContract(ProfileChangeNotice notice) {
        return new ProfileChange()
                .changeType(
                        notice.changeType() == ProfileChangeNotice.ChangeType.CREATE
                                ? SyncType.CREATE
                                : SyncType.UPDATE)
                .coachId(notice.coachId())
                .version(notice.version())
                .firstName(notice.firstName())
                .lastName(notice.lastName())
                .email(notice.email())
                .phone(notice.phone())
                .schoolId(notice.schoolId())
                .sportSpecialties(notice.sportSpecialties())
                .profileStatus(notice.profileStatus() == null ? null : ProfileStatus.fromString(notice.profileStatus()))
                .createdAt(dateTime(notice.createdAt()))
                .updatedAt(dateTime(notice.updatedAt()));
    }

    private static OffsetDateTime dateTime(String text) {
        return text == null ? null : OffsetDateTime.parse(text).truncatedTo(ChronoUnit.MILLIS);
    }
}
