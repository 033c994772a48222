package tsa.coach.client;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

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

import io.smallrye.faulttolerance.api.CircuitBreakerName;

import tsa.coach.client.sync.api.InternalApi;
import tsa.coach.client.sync.model.ProfileChange;
import tsa.coach.client.sync.model.ProfileStatus;
import tsa.coach.client.sync.model.SyncType;

/**
 * sync-service as coach-service sees it: one call, "here is a profile change", answered by whether sync-service
 * acknowledged it (its 202). The generated client stays behind this bean, with a short timeout, a few quick retries
 * (the operation is idempotent) and a circuit breaker, so that an unreachable sync-service costs a profile write
 * little time and never fails it: the profile keeps {@code sync_pending} and the re-send job delivers it later.
 */
@ApplicationScoped
public class SyncServiceClient {

    /** The circuit breaker's name, for {@code CircuitBreakerMaintenance}. */
    public static final String CIRCUIT = "sync-service";

    private static final Logger LOG = Logger.getLogger(SyncServiceClient.class);

    @Inject
    @RestClient
    InternalApi api;

    /**
     * Sends the change; true once sync-service has acknowledged it, false when it could not be reached, failed,
     * refused the change, or the circuit is open. Never throws.
     */
    @Timeout(2000)
    @Retry(maxRetries = 2, delay = 150, jitter = 100, abortOn = SyncServiceRejectedException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000, successThreshold = 1,
            skipOn = SyncServiceRejectedException.class)
    @CircuitBreakerName(SyncServiceClient.CIRCUIT)
    @Fallback(fallbackMethod = "notAcknowledged")
    public boolean deliver(ProfileChangeNotice notice) {
        try {
            api.receiveProfileChange(toContract(notice));
            return true;
        } catch (WebApplicationException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().getStatus();
            if (status >= 400 && status < 500) {
                // Our request is wrong; retrying it would not help, and it says nothing about sync-service's health.
                LOG.errorf("sync-service refused the change of profile %s version %d: HTTP %d", notice.coachId(),
                        notice.version(), status);
                throw new SyncServiceRejectedException(status);
            }
            throw new SyncServiceUnavailableException("HTTP " + status);
        } catch (ProcessingException e) {
            throw new SyncServiceUnavailableException(e.getClass().getSimpleName());
        }
    }

    boolean notAcknowledged(ProfileChangeNotice notice) {
        LOG.warnf("sync-service did not acknowledge the change of profile %s version %d; it stays sync_pending",
                notice.coachId(), notice.version());
        return false;
    }

    static ProfileChange toContract(ProfileChangeNotice notice) {
        return new ProfileChange()
                .changeType(notice.changeType() == ProfileChangeNotice.ChangeType.CREATE
                        ? SyncType.CREATE : SyncType.UPDATE)
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

    /** sync-service could not be reached or failed (timeout, connection refused, 5xx): worth retrying. */
    static final class SyncServiceUnavailableException extends RuntimeException {
        SyncServiceUnavailableException(String reason) {
            super("sync-service unavailable: " + reason, null, false, false);
        }
    }

    /** sync-service answered 4xx: not worth retrying. */
    static final class SyncServiceRejectedException extends RuntimeException {
        SyncServiceRejectedException(int status) {
            super("sync-service refused the change: HTTP " + status, null, false, false);
        }
    }
}
