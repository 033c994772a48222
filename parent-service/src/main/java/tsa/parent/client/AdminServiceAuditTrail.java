package tsa.parent.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import tsa.parent.client.admin.model.AuditRecordCreate;
import tsa.runtime.audit.RemoteAuditTrail;

/** parent-service's audit trail: each record through admin-service's {@code POST /internal/audit-records}. */
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
