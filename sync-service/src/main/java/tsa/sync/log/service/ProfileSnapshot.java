package tsa.sync.log.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A coach profile as coach-service held it at one version: what a profile change carries, what the reconciliation
 * reads, and what a {@code profile_sync_log} row keeps in {@code sync_data} (camelCase keys, as the API shows them).
 */
public record ProfileSnapshot(
        String coachId,
        long version,
        String firstName,
        String lastName,
        String email,
        String phone,
        String schoolId,
        List<String> sportSpecialties,
        String profileStatus,
        String createdAt,
        String updatedAt) {

    public static final String ACTIVE = "active";

    public ProfileSnapshot {
        sportSpecialties = sportSpecialties == null ? null : List.copyOf(sportSpecialties);
    }

    /** Only the key and version: what a {@code delete} needs. */
    public static ProfileSnapshot deletion(String coachId, long version) {
        return new ProfileSnapshot(coachId, version, null, null, null, null, null, null, null, null, null);
    }

    public Map<String, Object> toSyncData() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("coachId", coachId);
        data.put("version", version);
        putIfPresent(data, "firstName", firstName);
        putIfPresent(data, "lastName", lastName);
        putIfPresent(data, "email", email);
        putIfPresent(data, "phone", phone);
        putIfPresent(data, "schoolId", schoolId);
        putIfPresent(data, "sportSpecialties", sportSpecialties == null ? null : new ArrayList<>(sportSpecialties));
        putIfPresent(data, "profileStatus", profileStatus);
        putIfPresent(data, "createdAt", createdAt);
        putIfPresent(data, "updatedAt", updatedAt);
        return data;
    }

    public static ProfileSnapshot fromSyncData(Map<String, Object> data) {
        Object version = data.get("version");
        Object sports = data.get("sportSpecialties");
        return new ProfileSnapshot(
                text(data.get("coachId")),
                version instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(version)),
                text(data.get("firstName")),
                text(data.get("lastName")),
                text(data.get("email")),
                text(data.get("phone")),
                text(data.get("schoolId")),
                sports instanceof List<?> list
                        ? list.stream().map(String::valueOf).toList()
                        : null,
                text(data.get("profileStatus")),
                text(data.get("createdAt")),
                text(data.get("updatedAt")));
    }

    private static void putIfPresent(Map<String, Object> data, String key, Object value) {
        if (value != null) {
            data.put(key, value);
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
