package tsa.admin.audit.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import tsa.admin.audit.store.AuditRecord;

/** The contract's {@code AuditLog}: one stored record; absent attributes are left out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
// Native image: sent as the entity of a jakarta.ws.rs.core.Response (or inside a Page), whose type Quarkus
// can't see, so Jackson's reflection on it (and on the types of its fields) is registered here.
@RegisterForReflection(registerFullHierarchy = true)
public record AuditLog(
        String logId,
        String adminEmail,
        String actionType,
        String resourceType,
        String resourceId,
        String actionDescription,
        ObjectNode beforeState,
        ObjectNode afterState,
        String ipAddress,
        String userAgent,
        String sessionId,
        String timestamp,
        String outcome,
        String relatedLogId) {

    static AuditLog of(AuditRecord record) {
        return new AuditLog(
                record.logId(),
                record.adminEmail(),
                record.actionType(),
                record.resourceType(),
                record.resourceId(),
                record.actionDescription(),
                record.beforeState(),
                record.afterState(),
                record.ipAddress(),
                record.userAgent(),
                record.sessionId(),
                record.timestamp(),
                record.outcome(),
                record.relatedLogId());
    }
}
