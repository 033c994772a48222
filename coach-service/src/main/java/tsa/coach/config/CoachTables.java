package tsa.coach.config;

import static tsa.runtime.dynamo.KeyAttribute.string;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import tsa.coach.invitation.store.ParentInvitation;
import tsa.coach.invitation.store.ParentInvitationStore;
import tsa.coach.onboarding.store.OnboardingSession;
import tsa.coach.profile.store.CoachProfile;
import tsa.runtime.dynamo.OwnedTables;
import tsa.runtime.dynamo.TableSpec;

/**
 * The tables coach-service owns (seed, "Coach Portal Tables"), with architecture.md's extra indexes on
 * {@code profilesdev}.
 */
@ApplicationScoped
public class CoachTables implements OwnedTables {

    /** profilesdev: coaches of a school (seed). */
    public static final String SCHOOL_INDEX = "school-index";
    /** profilesdev: profiles by {@code profile_status}, ordered by {@code updated_at} (architecture.md). */
    public static final String STATUS_INDEX = "status-index";
    /** profilesdev: sparse, only profiles whose latest version sync-service has not acknowledged. */
    public static final String SYNC_PENDING_INDEX = "sync-pending-index";
    /** parent-invitationsdev: a coach's invitations (seed). */
    public static final String COACH_INVITATIONS_INDEX = "coach-invitations-index";
    /** parent-invitationsdev: invitations sent to a parent email (seed). */
    public static final String PARENT_EMAIL_INDEX = "parent-email-index";

    private final TableSpec profiles;
    private final TableSpec onboardingSessions;
    private final TableSpec parentInvitations;

    @Inject
    public CoachTables(TableNames names) {
        profiles = TableSpec.table(names.profiles(), string(CoachProfile.COACH_ID))
                .index(SCHOOL_INDEX, string(CoachProfile.SCHOOL_ID))
                .index(STATUS_INDEX, string(CoachProfile.PROFILE_STATUS), string(CoachProfile.UPDATED_AT))
                .index(SYNC_PENDING_INDEX, string(CoachProfile.SYNC_PENDING), string(CoachProfile.UPDATED_AT));
        onboardingSessions = TableSpec.table(names.onboarding(), string(OnboardingSession.SESSION_ID))
                .timeToLive(OnboardingSession.EXPIRATION_TIME);
        parentInvitations = TableSpec.table(names.parentInvitations(), string(ParentInvitation.INVITATION_ID))
                .index(COACH_INVITATIONS_INDEX, string(ParentInvitation.COACH_ID))
                .index(PARENT_EMAIL_INDEX, string(ParentInvitation.PARENT_EMAIL))
                .timeToLive(ParentInvitationStore.EXPIRATION_TIME);
    }

    /** {@code PROFILES_TABLE}: hash {@code coach_id}. */
    public TableSpec profiles() {
        return profiles;
    }

    /** {@code ONBOARDING_TABLE}: hash {@code session_id}, TTL {@code expiration_time}. */
    public TableSpec onboardingSessions() {
        return onboardingSessions;
    }

    /**
     * {@code PARENT_INVITATIONS_TABLE}: hash {@code invitation_id}; TTL {@code expiration_time}, which only the
     * per-coach mail counters carry (invitations themselves are never removed).
     */
    public TableSpec parentInvitations() {
        return parentInvitations;
    }

    @Override
    public List<TableSpec> tables() {
        return List.of(profiles, onboardingSessions, parentInvitations);
    }
}
