package tsa.coach.config;

import io.smallrye.config.ConfigMapping;

/** Names of the DynamoDB tables coach-service owns, from the seed's environment variables. */
@ConfigMapping(prefix = "tsa.tables")
public interface TableNames {

    /** {@code PROFILES_TABLE}, default {@code profilesdev}. */
    String profiles();

    /** {@code ONBOARDING_TABLE}, default {@code coach-onboarding-sessionsdev}. */
    String onboarding();

    /** {@code PARENT_INVITATIONS_TABLE}, default {@code parent-invitationsdev}. */
    String parentInvitations();
}
