package tsa.runtime.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import tsa.runtime.problem.ProblemException;
import tsa.runtime.security.Caller;

/**
 * The audit trail of a service other than admin-service (architecture.md, "Audit"): admin-service is its only
 * writer, so each record goes through its internal audit-records operation, with the admin's email, address, user
 * agent and session id taken from the admin's own request. This service picks the {@code logId}, so a retried call
 * records once. A service's subclass names its generated client's request model and sends it: the record is turned
 * into that model here, by the contract's property names ({@link Draft#asContractBody}).
 *
 * @param <R> the service's generated {@code AuditRecordCreate}
 */
public abstract class RemoteAuditTrail<R> implements AdminAuditTrail {

    private static final Logger LOG = Logger.getLogger(RemoteAuditTrail.class);
    private static final int DESCRIPTION_MAX = 1000;
    private static final int USER_AGENT_MAX = 1000;
    private static final int IP_MAX = 45;

    /** One audit record as admin-service's {@code AuditRecordCreate} carries it. */
    public record Draft(
            String logId,
            String adminEmail,
            String actionType,
            String resourceType,
            String resourceId,
            String actionDescription,
            Map<String, Object> beforeState,
            Map<String, Object> afterState,
            String ipAddress,
            String userAgent,
            String sessionId,
            boolean failed,
            String relatedLogId) {

        /** The body of admin-service's {@code POST /internal/audit-records}, as its contract names the properties. */
        public Map<String, Object> asContractBody() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("logId", logId);
            body.put("adminEmail", adminEmail);
            body.put("actionType", actionType);
            body.put("resourceType", resourceType);
            body.put("resourceId", resourceId);
            body.put("actionDescription", actionDescription);
            body.put("beforeState", beforeState);
            body.put("afterState", afterState);
            body.put("ipAddress", ipAddress);
            body.put("userAgent", userAgent);
            body.put("sessionId", sessionId);
            if (failed) {
                body.put("outcome", "failed");
                body.put("relatedLogId", relatedLogId);
            }
            return body;
        }
    }

    private final Class<R> requestType;

    @Inject
    protected Caller caller;

    @Inject
    protected ObjectMapper json;

    protected RemoteAuditTrail(Class<R> requestType) {
        this.requestType = requestType;
    }

    /** Sends the record through the service's generated admin-service client; throws when it was not recorded. */
    protected abstract void send(R request);

    private void deliver(Draft record) {
        send(json.convertValue(record.asContractBody(), requestType));
    }

    @Override
    public String recordBefore(AdminAction action) {
        Draft record = draft(action, description(action), false, null);
        try {
            deliver(record);
        } catch (RuntimeException e) {
            LOG.warnf("audit record %s could not be written: %s", record.logId(), e.getMessage());
            throw ProblemException.unavailable("the audit trail can't be reached; nothing was changed");
        }
        return record.logId();
    }

    @Override
    public void recordFailure(String firstLogId, AdminAction action, String reason) {
        try {
            String why = reason == null || reason.isBlank() ? "unknown reason" : reason;
            deliver(draft(action, description(action) + " (failed: " + why + ")", true, firstLogId));
        } catch (RuntimeException e) {
            // The write has failed already and its first record stands: log rather than hide the write's own error.
            LOG.errorf("could not append the failure record of audit record %s: %s", firstLogId, e.getMessage());
        }
    }

    private Draft draft(AdminAction action, String description, boolean failed, String relatedLogId) {
        return new Draft(
                UUID.randomUUID().toString(),
                caller.email(),
                action.actionType(),
                action.resourceType(),
                blankToNull(action.resourceId()),
                truncate(description, DESCRIPTION_MAX),
                state(action.beforeState()),
                state(action.afterState()),
                truncate(blankToNull(caller.ipAddress()), IP_MAX),
                truncate(blankToNull(caller.userAgent()), USER_AGENT_MAX),
                caller.sessionId(),
                failed,
                relatedLogId);
    }

    private static Map<String, Object> state(Map<String, Object> state) {
        return state == null || state.isEmpty() ? null : new LinkedHashMap<>(state);
    }

    private static String description(AdminAction action) {
        if (action.description() != null && !action.description().isBlank()) {
            return action.description();
        }
        return action.actionType() + " " + action.resourceType()
                + (action.resourceId() == null ? "" : " " + action.resourceId());
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
