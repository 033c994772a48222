package tsa.parent.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import tsa.parent.client.sync.api.InternalApi;
import tsa.parent.client.sync.model.StudentChange;
import tsa.runtime.client.RemoteCalls;
import tsa.runtime.client.RemoteFailure;
import tsa.runtime.client.RemoteService;

/**
 * sync-service's {@code POST /internal/student-changes} (idempotent, so retrying is safe), with the platform's
 * fault-tolerance profile. Failures come out as {@link RemoteFailure}s; callers treat the call as best effort.
 */
@ApplicationScoped
@RemoteService(SyncServiceClient.SERVICE)
@Timeout
@Retry
@CircuitBreaker
public class SyncServiceClient {

    static final String SERVICE = "sync-service";

    @Inject
    @RestClient
    InternalApi api;

    /** Tells sync-service that the Ed-Fi student {@code studentUniqueId} was written; returns on its 202. */
    public void studentChanged(String studentUniqueId) {
        RemoteCalls.run(
                SERVICE,
                "take the change of student " + studentUniqueId,
                () -> api.receiveStudentChange(new StudentChange().studentUniqueId(studentUniqueId))
                        .close());
    }
}
