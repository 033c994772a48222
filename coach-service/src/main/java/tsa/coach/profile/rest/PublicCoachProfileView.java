package tsa.coach.profile.rest;

import java.util.List;
import tsa.coach.profile.store.CoachProfile;

/** The contract's {@code PublicCoachProfile}: what a parent of that coach's families sees. */
public record PublicCoachProfileView(
        String coachId, String firstName, String lastName, String schoolId, List<String> sportSpecialties) {

    static PublicCoachProfileView of(CoachProfile p) {
        return new PublicCoachProfileView(
                p.coachId(),
                p.firstName(),
                p.lastName(),
                p.schoolId(),
                p.sportSpecialties() == null ? List.of() : p.sportSpecialties());
    }
}
