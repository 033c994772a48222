package tsa.coach.invitation.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "tsa.parent-invitations")
public interface ParentInvitationSettings {

    /** How long an invitation link works (and how far a resend pushes the expiry). */
    @WithDefault("P14D")
    Duration lifetime();
}
