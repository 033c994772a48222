package tsa.coach.profile.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How profiles that sync-service has not acknowledged are re-sent. */
@ConfigMapping(prefix = "tsa.profile-sync")
public interface ProfileSyncSettings {

    /** How often the re-send job looks at {@code sync-pending-index}. */
    @WithDefault("30s")
    Duration resendEvery();

    /** At most this many profiles per run, so one run stays short; the next run takes the rest. */
    @WithDefault("200")
    int resendBatch();
}
