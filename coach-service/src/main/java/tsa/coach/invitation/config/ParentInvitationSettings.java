package tsa.coach.invitation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "tsa.parent-invitations")
public interface ParentInvitationSettings {

    /** How long an invitation link works (and how far a resend pushes the expiry). */
    @WithDefault("P14D")
    Duration lifetime();

    /** How many invitation mails (creations and resends together) one coach may cause per window. */
    MailLimit mailLimit();

    interface MailLimit {

        /** Invitation mails a coach may cause in one window; the next one is 429 until the window ends. */
        @WithDefault("20")
        int count();

        /** The length of a fixed window, counted from the epoch (windows of one hour start on the hour). */
        @WithDefault("PT1H")
        Duration window();
    }
}
