package tsa.sync.log.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import tsa.model.ProfileSyncLog;
import tsa.runtime.time.Timestamps;

/** The contract's {@code SyncLogEntry}: one {@code profile_sync_log} row. Timestamps are UTC. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SyncLogEntry(
        String syncId,
        String profileId,
        String userSourcedId,
        String syncType,
        String syncStatus,
        Map<String, Object> syncData,
        String errorMessage,
        String createdAt,
        String completedAt) {

    public static SyncLogEntry of(ProfileSyncLog row) {
        return new SyncLogEntry(
                row.syncId.toString(),
                row.profileId,
                row.userSourcedId,
                row.syncType,
                row.syncStatus,
                row.syncData,
                row.errorMessage,
                utc(row.createdAt),
                utc(row.completedAt));
    }

    private static String utc(LocalDateTime time) {
        return time == null ? null : Timestamps.format(time.toInstant(ZoneOffset.UTC));
    }
}
