package tsa.runtime.audit;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one way an admin's write is recorded (architecture.md, "Audit"): before the write, with the admin's email, IP,
 * user agent and session id taken from the admin's own request. admin-service implements it over its audit table;
 * the other services through admin-service's {@code POST /internal/audit-records}.
 */
public interface AdminAuditTrail {

    /**
     * Records the action before it is made and returns the record's id. No record, no write: when the record cannot
     * be written this throws a 503 problem.
     */
    String recordBefore(AdminAction action);

    /** Appends a record ({@code outcome=failed}) pointing at the first one; records are never changed. */
    void recordFailure(String firstLogId, AdminAction action, String reason);

    /** Records the action, makes the write, and records its failure if it fails. */
    default <T> T audited(AdminAction action, Supplier<T> write) {
        String logId = recordBefore(action);
        try {
            return write.get();
        } catch (RuntimeException e) {
            recordFailure(logId, action, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            throw e;
        }
    }

    /**
     * An admin's read of personal data: the read, then one {@code view} record built from its result (a list read is
     * summarised as the query and the count it returned, never the items), then the answer. Reads fail closed like
     * writes: when the record cannot be written this throws a 503 problem and the data is not returned, so nothing
     * personal leaves the service unrecorded. A read that fails (404, 400) disclosed nothing and records nothing.
     */
    default <T> T viewed(Supplier<T> read, Function<T, AdminAction> view) {
        T result = read.get();
        recordBefore(view.apply(result));
        return result;
    }
}
