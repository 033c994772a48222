package tsa.sync.log.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import tsa.model.ProfileSyncLog;
import tsa.runtime.time.Timestamps;

/** The contract's {@code SyncLogEntry}: one {@code profile_sync_log} row. Timestamps are UTC. */
@JsonInclude(JsonInclude.Include.NON_NULL)
// Native image: sent as the entity of a jakarta.ws.rs.core.Response (or inside a Page), whose type Quarkus
// can't see, so Jackson's reflection on it (and on the types of its fields) is registered here.
@RegisterForReflection(registerFullHierarchy = true)
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
