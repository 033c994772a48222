package tsa.coach.onboarding.store;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import tsa.coach.config.CoachTables;
import tsa.runtime.dynamo.ConditionalWrites;
import tsa.runtime.dynamo.UniquenessGuard;

/**
 * {@code coach-onboarding-sessionsdev}: single-item conditional writes only. A session is created only if its id is
 * free and changed only at the version that was read. One guard item per invitation
 * ({@code guard#onboarding#<invitationId>}) names the invitation's current session, so that starting again after an
 * expiry moves to the next session id instead of reviving the old one.
 */
@ApplicationScoped
public class OnboardingSessionStore {

    private static final String GUARD_KIND = "onboarding";

    private final DynamoDbTable<OnboardingSession> table;
    private final UniquenessGuard currentSession;

    @Inject
    public OnboardingSessionStore(DynamoDbClient dynamo, CoachTables tables, Clock clock) {
        String name = tables.onboardingSessions().name();
        this.table = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build().table(name,
                OnboardingSession.SCHEMA);
        this.currentSession = new UniquenessGuard(dynamo, name, OnboardingSession.SESSION_ID, clock);
    }

    /** The session as last written (a consistent read); guard items are not sessions. */
    public Optional<OnboardingSession> find(String sessionId) {
        if (sessionId == null || sessionId.isBlank() || sessionId.startsWith("guard#")) {
            return Optional.empty();
        }
        return Optional.ofNullable(table.getItem(r -> r.key(key(sessionId)).consistentRead(true)));
    }

    /** The id of the invitation's current session, or null when none was ever started. */
    public String currentSessionOf(String invitationId) {
        return currentSession.currentHolder(guardKey(invitationId));
    }

    /**
     * Makes {@code sessionId} the invitation's current session unless the current one keeps that place (it is live,
     * or it is being written right now); true when {@code sessionId} is the current one now.
     */
    public boolean makeCurrent(String invitationId, String sessionId,
            Function<String, UniquenessGuard.HolderState> sessionState) {
        return currentSession.claimFor(guardKey(invitationId), sessionId, sessionState);
    }

    /** Writes a new session; false if a session with that id exists already. */
    public boolean insert(OnboardingSession session) {
        return ConditionalWrites.insertIfAbsent(table, session, OnboardingSession.SESSION_ID);
    }

    /** Replaces the session if it is still at {@code expectedVersion}; false when someone changed it first. */
    public boolean replace(OnboardingSession changed, long expectedVersion) {
        return ConditionalWrites.replaceIfVersion(table, changed, OnboardingSession.VERSION, expectedVersion);
    }

    private static String guardKey(String invitationId) {
        return UniquenessGuard.key(GUARD_KIND, invitationId);
    }

    private static Key key(String sessionId) {
        return Key.builder().partitionValue(sessionId).build();
    }
}
