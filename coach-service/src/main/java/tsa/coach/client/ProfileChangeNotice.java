package tsa.coach.client;

import java.util.List;

/**
 * A profile change as this service tells sync-service about it (the contract's {@code ProfileChange}), in this
 * service's own terms so that no generated type leaves {@link SyncServiceClient}. Timestamps are ISO-8601 UTC text.
 */
public record ProfileChangeNotice(
        ChangeType changeType,
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

    /** The contract's {@code SyncType} values that coach-service sends. */
    public enum ChangeType {
        CREATE,
        UPDATE
    }

    public ProfileChangeNotice {
        sportSpecialties = sportSpecialties == null ? List.of() : List.copyOf(sportSpecialties);
    }
}
