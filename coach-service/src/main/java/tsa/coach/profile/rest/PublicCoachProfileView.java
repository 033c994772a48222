package tsa.coach.profile.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import tsa.coach.profile.store.CoachProfile;

/** The contract's {@code PublicCoachProfile}: what a parent of that coach's families sees. */
// Native image: sent as the entity of a jakarta.ws.rs.core.Response (or inside a Page), whose type Quarkus
// can't see, so Jackson's reflection on it (and on the types of its fields) is registered here.
@RegisterForReflection(registerFullHierarchy = true)
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
