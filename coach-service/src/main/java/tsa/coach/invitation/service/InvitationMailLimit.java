package tsa.coach.invitation.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import tsa.coach.invitation.config.ParentInvitationSettings;
import tsa.coach.invitation.store.ParentInvitationStore;

/**
 * Bounds the invitation mails one coach can cause: creations and resends together, {@code mail-limit.count} per fixed
 * window of {@code mail-limit.window}. Each mail takes one unit from a counter item before anything is written, so a
 * refused request writes nothing else; an attempt that then fails (a duplicate, a lost race) still used its unit.
 */
@ApplicationScoped
public class InvitationMailLimit {

    private final ParentInvitationStore store;
    private final ParentInvitationSettings settings;
    private final Clock clock;

    @Inject
    public InvitationMailLimit(ParentInvitationStore store, ParentInvitationSettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    /** Takes one unit of the coach's current window, or answers 429 with the seconds until the window ends. */
    public void take(String coachId) {
        ParentInvitationSettings.MailLimit limit = settings.mailLimit();
        long windowSeconds = Math.max(1, limit.window().getSeconds());
        Instant now = clock.instant();
        long windowStart = Math.floorDiv(now.getEpochSecond(), windowSeconds) * windowSeconds;
        long windowEnd = windowStart + windowSeconds;
        if (!store.takeMailUnit(coachId, windowStart, limit.count(), windowEnd)) {
            long retryAfter = Math.max(1, windowEnd - now.getEpochSecond());
            throw new InvitationMailLimitReached(limit.count(), retryAfter);
        }
    }
}
