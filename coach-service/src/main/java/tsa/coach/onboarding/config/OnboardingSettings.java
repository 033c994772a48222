package tsa.coach.onboarding.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "tsa.onboarding")
public interface OnboardingSettings {

    /** How long a session lives after its last save (seed: "auto-delete after 24 hours of inactivity"). */
    @WithDefault("PT24H")
    Duration sessionLifetime();
}
