package tsa.coach.profile.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import tsa.coach.profile.store.CoachProfile;

/** The contract's {@code CoachProfile}, whole: for the coach themself, admins and services. */
@JsonInclude(JsonInclude.Include.NON_NULL)
// Native image: sent as the entity of a jakarta.ws.rs.core.Response (or inside a Page), whose type Quarkus
// can't see, so Jackson's reflection on it (and on the types of its fields) is registered here.
@RegisterForReflection(registerFullHierarchy = true)
public record CoachProfileView(
        String coachId,
        String firstName,
        String lastName,
        String email,
        String phone,
        String schoolId,
        List<String> sportSpecialties,
        String profileStatus,
        String createdAt,
        String updatedAt,
        Long version) {

    static CoachProfileView of(CoachProfile p) {
        return new CoachProfileView(
                p.coachId(),
                p.firstName(),
                p.lastName(),
                p.email(),
                p.phone(),
                p.schoolId(),
                p.sportSpecialties() == null ? List.of() : p.sportSpecialties(),
                p.profileStatus(),
                p.createdAt(),
                p.updatedAt(),
                p.version());
    }
}
