package tsa.coach.onboarding.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import tsa.coach.config.CoachTables;
import tsa.runtime.dynamo.DynamoSettings;
import tsa.runtime.dynamo.UniquenessGuard;
import tsa.runtime.dynamo.VersionedItems;

/**
 * {@code coach-onboarding-sessionsdev}: versioned items ({@link VersionedItems}): a session is created only if its id
 * is free and changed only at the version that was read. One guard item per invitation
 * ({@code guard#onboarding#<invitationId>}) names the invitation's current session, so that starting again after an
 * expiry moves to the next session id instead of reviving the old one.
 */
@ApplicationScoped
public class OnboardingSessionStore {

    private static final String GUARD_KIND = "onboarding";

    private final VersionedItems<OnboardingSession> items;
    private final UniquenessGuard currentSession;

    @Inject
    public OnboardingSessionStore(DynamoDbClient dynamo, CoachTables tables, DynamoSettings settings, Clock clock) {
        this.items = new VersionedItems<>(dynamo, tables.onboardingSessions(), OnboardingSession.SCHEMA, settings);
        this.currentSession = new UniquenessGuard(dynamo, items.tableName(), OnboardingSession.SESSION_ID, clock);
    }

    /** The session as last written (a consistent read); guard items are not sessions. */
    public Optional<OnboardingSession> find(String sessionId) {
        return items.find(sessionId);
    }

    /** The id of the invitation's current session, or null when none was ever started. */
    public String currentSessionOf(String invitationId) {
        return currentSession.currentHolder(guardKey(invitationId));
    }

    /**
     * Makes {@code sessionId} the invitation's current session unless the current one keeps that place (it is live,
     * or it is being written right now); true when {@code sessionId} is the current one now.
     */
    public boolean makeCurrent(
            String invitationId, String sessionId, Function<String, UniquenessGuard.HolderState> sessionState) {
        return currentSession.claimFor(guardKey(invitationId), sessionId, sessionState);
    }

    /** Writes a new session; false if a session with that id exists already. */
    public boolean insert(OnboardingSession session) {
        return items.insert(session);
    }

    /** Read, decide, write at the next version; tried again when another request changed it in between. */
    public Optional<OnboardingSession> change(String sessionId, UnaryOperator<OnboardingSession> change) {
        return items.change(sessionId, change);
    }

    private static String guardKey(String invitationId) {
        return UniquenessGuard.key(GUARD_KIND, invitationId);
    }
}
