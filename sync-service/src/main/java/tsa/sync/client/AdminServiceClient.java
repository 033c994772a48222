package tsa.sync.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import tsa.sync.client.admin.api.InternalApi;
import tsa.sync.client.admin.model.AuditRecordCreate;

/**
 * admin-service's {@code POST /internal/audit-records}. A retry sends the same {@code logId}, which admin-service
 * records once, so retrying here is safe. Remote failures come out as {@link RemoteServiceException}s.
 */
@ApplicationScoped
public class AdminServiceClient {

    static final String SERVICE = "admin-service";

    @Inject
    @RestClient
    InternalApi api;

    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = RemoteRejectionException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = RemoteRejectionException.class)
    @Fallback(fallbackMethod = "recordUnavailable", applyOn = FaultToleranceException.class)
    public void recordAuditRecord(AuditRecordCreate record) {
        try {
            api.recordAuditRecord(record);
        } catch (RuntimeException e) {
            throw RemoteErrors.translate(SERVICE, e);
        }
    }

    void recordUnavailable(AuditRecordCreate record) {
        throw new RemoteServiceException(SERVICE, "did not answer in time or is failing (circuit open)");
    }
}
