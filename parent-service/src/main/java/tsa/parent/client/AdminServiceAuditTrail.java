package tsa.parent.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import tsa.parent.client.admin.model.AuditActionType;
import tsa.parent.client.admin.model.AuditOutcome;
import tsa.parent.client.admin.model.AuditRecordCreate;
import tsa.runtime.audit.AdminAction;
import tsa.runtime.audit.AdminAuditTrail;
import tsa.runtime.problem.ProblemException;
import tsa.runtime.security.Caller;

/**
 * parent-service's side of the audit trail (architecture.md, "Audit"): admin-service is its only writer, so each record
 * goes through its internal audit-records operation, with the admin's email, address, user agent and session id
 * taken from the admin's own request. This service picks the {@code logId}, so a retried call records once.
 */
@ApplicationScoped
public class AdminServiceAuditTrail implements AdminAuditTrail {

    private static final Logger LOG = Logger.getLogger(AdminServiceAuditTrail.class);
    private static final int DESCRIPTION_MAX = 1000;
    private static final int USER_AGENT_MAX = 1000;
    private static final int IP_MAX = 45;

    @Inject
    AdminServiceClient admin;

    @Inject
    Caller caller;

    @Override
    public String recordBefore(AdminAction action) {
        AuditRecordCreate record = fromCaller(action, newLogId(), description(action));
        try {
            admin.recordAuditRecord(record);
        } catch (RuntimeException e) {
            LOG.warnf("audit record %s could not be written: %s", record.getLogId(), e.getMessage());
            throw ProblemException.unavailable("the audit trail can't be reached; nothing was changed");
        }
        return record.getLogId();
    }

    @Override
    public void recordFailure(String firstLogId, AdminAction action, String reason) {
        try {
            String why = reason == null || reason.isBlank() ? "unknown reason" : reason;
            AuditRecordCreate record = fromCaller(action, newLogId(), description(action) + " (failed: " + why + ")")
                    .outcome(AuditOutcome.FAILED)
                    .relatedLogId(firstLogId);
            admin.recordAuditRecord(record);
        } catch (RuntimeException e) {
            // The write has failed already and its first record stands: log rather than hide the write's own error.
            LOG.errorf("could not append the failure record of audit record %s: %s", firstLogId, e.getMessage());
        }
    }

    private AuditRecordCreate fromCaller(AdminAction action, String logId, String description) {
        return new AuditRecordCreate()
                .logId(logId)
                .adminEmail(caller.email())
                .actionType(AuditActionType.fromString(action.actionType()))
                .resourceType(action.resourceType())
                .resourceId(blankToNull(action.resourceId()))
                .actionDescription(truncate(description, DESCRIPTION_MAX))
                .beforeState(state(action.beforeState()))
                .afterState(state(action.afterState()))
                .ipAddress(truncate(blankToNull(caller.ipAddress()), IP_MAX))
                .userAgent(truncate(blankToNull(caller.userAgent()), USER_AGENT_MAX))
                .sessionId(caller.sessionId());
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

    private static String newLogId() {
        return UUID.randomUUID().toString();
    }
}
