package tsa.runtime.dynamo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How a service treats its DynamoDB tables at start-up. */
@ConfigMapping(prefix = "tsa.dynamodb")
public interface DynamoSettings {

    Provisioning provisioning();

    /**
     * How many times a read-change-write of one versioned item is tried when another writer changed the item in
     * between ({@link VersionedItems#change}); after that the request is answered 409.
     */
    @WithDefault("5")
    int conflictAttempts();

    interface Provisioning {

        /** Create missing tables and enable TTL at start-up; off where tables are managed elsewhere. */
        @WithDefault("true")
        boolean enabled();

        /**
         * Go on when the server does not implement UpdateTimeToLive (dynalite, in the local run and tests only);
         * production must fail instead, since a table without TTL would grow forever.
         */
        @WithDefault("false")
        boolean tolerateMissingTtl();

        /** How long to wait for a new table to become ACTIVE. */
        @WithDefault("PT60S")
        Duration activeTimeout();
    }
}
