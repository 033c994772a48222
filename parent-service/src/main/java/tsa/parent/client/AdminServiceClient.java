package tsa.parent.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import tsa.parent.client.admin.api.InternalApi;
import tsa.parent.client.admin.model.AuditRecordCreate;
import tsa.runtime.client.RemoteCalls;
import tsa.runtime.client.RemoteService;

/**
 * admin-service's {@code POST /internal/audit-records}, with the platform's fault-tolerance profile. A retry sends
 * the same {@code logId}, which admin-service records once, so retrying here is safe. Remote failures come out as
 * {@link tsa.runtime.client.RemoteFailure}s.
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

    public void recordAuditRecord(AuditRecordCreate record) {
        RemoteCalls.run(SERVICE, "record audit record " + record.getLogId(), () -> api.recordAuditRecord(record));
    }
}
