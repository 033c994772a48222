package tsa.admin.config;

import io.smallrye.config.ConfigMapping;

/** Names of the DynamoDB tables admin-service owns, from the seed's environment variables and architecture.md. */
@ConfigMapping(prefix = "tsa.tables")
public interface TableNames {

    /** {@code INVITATIONS_TABLE}, default {@code coach-invitationsdev}. */
    String invitations();

    /** {@code AUDIT_LOGS_TABLE}, default {@code admin-audit-logsdev}. */
    String auditLogs();

    /** {@code SIGN_IN_TABLE}, default {@code auth-sign-in-linksdev} (architecture.md, beyond the seed). */
    String signIn();
}
