package tsa.sync.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import tsa.runtime.client.RemoteCalls;
import tsa.runtime.client.RemoteService;
import tsa.sync.client.parent.api.InternalApi;
import tsa.sync.client.parent.model.Enrollment;
import tsa.sync.client.parent.model.EnrollmentPage;
import tsa.sync.client.parent.model.EnrollmentStatus;

/**
 * parent-service's internal enrollment operations, for the reconciliation: the paged list by status and the
 * finishing of an active enrollment's Ed-Fi records (idempotent on parent-service's side, so retrying is safe), with
 * the platform's fault-tolerance profile. Remote failures come out as {@link tsa.runtime.client.RemoteFailure}s.
 */
@ApplicationScoped
@RemoteService(ParentServiceClient.SERVICE)
@Timeout
@Retry
@CircuitBreaker
public class ParentServiceClient {

    public static final String SERVICE = "parent-service";

    /** What the reconciliation needs of an enrollment; {@code studentUniqueId} is null until it is set. */
    public record EnrollmentRef(String enrollmentId, String enrollmentStatus, String studentUniqueId) {}

    /** One page of enrollments of one status. */
    public record EnrollmentPageRef(List<EnrollmentRef> enrollments, String nextCursor) {}

    @Inject
    @RestClient
    InternalApi api;

    public EnrollmentPageRef listEnrollments(String status, String cursor, int limit) {
        EnrollmentPage page = RemoteCalls.call(
                SERVICE,
                "list " + status + " enrollments",
                () -> api.listEnrollmentsByStatus(EnrollmentStatus.fromString(status), limit, cursor));
        List<EnrollmentRef> enrollments = page.getItems() == null
                ? List.of()
                : page.getItems().stream().map(ParentServiceClient::ref).toList();
        return new EnrollmentPageRef(enrollments, page.getNextCursor());
    }

    /** Runs the activation's idempotent steps again; answers the enrollment as parent-service then holds it. */
    public EnrollmentRef finishActivation(String enrollmentId) {
        return ref(RemoteCalls.call(
                SERVICE,
                "finish the activation of enrollment " + enrollmentId,
                () -> api.finishEnrollmentActivation(enrollmentId)));
    }

    static EnrollmentRef ref(Enrollment e) {
        String id = e.getStudentUniqueId();
        return new EnrollmentRef(
                e.getEnrollmentId(),
                e.getEnrollmentStatus() == null ? null : e.getEnrollmentStatus().value(),
                id == null || id.isBlank() ? null : id);
    }
}
