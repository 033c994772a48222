package tsa.admin.invitation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "tsa.coach-invitations")
public interface InvitationSettings {

    /** How long an invitation link works (and how far a resend pushes the expiry). */
    @WithDefault("P7D")
    Duration lifetime();
}
