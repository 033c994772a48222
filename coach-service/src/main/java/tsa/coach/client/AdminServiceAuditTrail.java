package tsa.coach.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import tsa.coach.client.admin.model.AuditRecordCreate;
import tsa.runtime.audit.RemoteAuditTrail;

/**
 * coach-service's audit trail (admins' reads of coach profiles and parent invitations): each record through
 * admin-service's {@code POST /internal/audit-records}.
 */
@ApplicationScoped
public class AdminServiceAuditTrail extends RemoteAuditTrail<AuditRecordCreate> {

    @Inject
    AdminServiceClient admin;

    public AdminServiceAuditTrail() {
        super(AuditRecordCreate.class);
    }

    @Override
    protected void send(AuditRecordCreate request) {
        admin.recordAuditRecord(request);
    }
}
