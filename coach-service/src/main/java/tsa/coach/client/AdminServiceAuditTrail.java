package tsa.coach.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import tsa.coach.client.admin.model.AuditActionType;
import tsa.coach.client.admin.model.AuditOutcome;
import tsa.coach.client.admin.model.AuditRecordCreate;
import tsa.runtime.audit.RemoteAuditTrail;

/**
 * coach-service's audit trail (admins' reads of coach profiles and parent invitations): each record through
 * admin-service's {@code POST /internal/audit-records}.
 */
@ApplicationScoped
public class AdminServiceAuditTrail extends RemoteAuditTrail {

    @Inject
    AdminServiceClient admin;

    @Override
    protected void send(Draft record) {
        AuditRecordCreate request = new AuditRecordCreate()
                .logId(record.logId())
                .adminEmail(record.adminEmail())
                .actionType(AuditActionType.fromString(record.actionType()))
                .resourceType(record.resourceType())
                .resourceId(record.resourceId())
                .actionDescription(record.actionDescription())
                .beforeState(record.beforeState())
                .afterState(record.afterState())
                .ipAddress(record.ipAddress())
                .userAgent(record.userAgent())
                .sessionId(record.sessionId());
        if (record.failed()) {
            request.outcome(AuditOutcome.FAILED).relatedLogId(record.relatedLogId());
        }
        admin.recordAuditRecord(request);
    }
}
