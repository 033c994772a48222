package tsa.admin.config;

import static tsa.runtime.dynamo.KeyAttribute.string;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import tsa.admin.audit.store.AuditRecord;
import tsa.admin.auth.store.SignInLink;
import tsa.admin.invitation.store.CoachInvitation;
import tsa.runtime.dynamo.OwnedTables;
import tsa.runtime.dynamo.TableSpec;

/**
 * The tables admin-service owns (seed, "Admin Portal Tables"), with architecture.md's {@code status-index} on
 * {@code coach-invitationsdev} and its sign-in table.
 */
@ApplicationScoped
public class AdminTables implements OwnedTables {

    /** coach-invitationsdev: invitations sent to a coach email (seed). */
    public static final String COACH_EMAIL_INDEX = "coach-email-index";
    /** coach-invitationsdev: invitations by {@code invitation_status}, ordered by {@code sent_at} (architecture.md). */
    public static final String STATUS_INDEX = "status-index";
    /** admin-audit-logsdev: an admin's actions, ordered by {@code timestamp} (seed). */
    public static final String ADMIN_ACTIONS_INDEX = "admin-actions-index";
    /** admin-audit-logsdev: actions of one type, ordered by {@code timestamp} (seed). */
    public static final String ACTION_TYPE_INDEX = "action-type-index";

    private final TableSpec coachInvitations;
    private final TableSpec auditLogs;
    private final TableSpec signInLinks;

    @Inject
    public AdminTables(TableNames names) {
        coachInvitations = TableSpec.table(names.invitations(), string(CoachInvitation.INVITATION_ID))
                .index(COACH_EMAIL_INDEX, string(CoachInvitation.COACH_EMAIL))
                .index(STATUS_INDEX, string(CoachInvitation.INVITATION_STATUS), string(CoachInvitation.SENT_AT));
        auditLogs = TableSpec.table(names.auditLogs(), string(AuditRecord.LOG_ID))
                .index(ADMIN_ACTIONS_INDEX, string(AuditRecord.ADMIN_EMAIL), string(AuditRecord.TIMESTAMP))
                .index(ACTION_TYPE_INDEX, string(AuditRecord.ACTION_TYPE), string(AuditRecord.TIMESTAMP));
        signInLinks =
                TableSpec.table(names.signIn(), string(SignInLink.LINK_ID)).timeToLive(SignInLink.EXPIRATION_TIME);
    }

    /** {@code INVITATIONS_TABLE}: hash {@code invitation_id}. */
    public TableSpec coachInvitations() {
        return coachInvitations;
    }

    /** {@code AUDIT_LOGS_TABLE}: hash {@code log_id}. */
    public TableSpec auditLogs() {
        return auditLogs;
    }

    /** {@code SIGN_IN_TABLE}: hash {@code link_id}, TTL {@code expiration_time}. */
    public TableSpec signInLinks() {
        return signInLinks;
    }

    @Override
    public List<TableSpec> tables() {
        return List.of(coachInvitations, auditLogs, signInLinks);
    }
}
