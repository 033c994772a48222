package tsa.coach.school.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;
import tsa.model.School;

/** The contract's {@code School}: a row of PostgreSQL {@code schools}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
// Native image: sent as the entity of a jakarta.ws.rs.core.Response (or inside a Page), whose type Quarkus
// can't see, so Jackson's reflection on it (and on the types of its fields) is registered here.
@RegisterForReflection(registerFullHierarchy = true)
public record SchoolView(
        String schoolId,
        String stateOrganizationId,
        String nameOfInstitution,
        String shortNameOfInstitution,
        String webSite,
        String operationalStatusDescriptor,
        String typeDescriptor,
        String charterStatusDescriptor,
        Integer localEducationAgencyId,
        List<Map<String, Object>> addresses,
        List<Map<String, Object>> telephones,
        List<Map<String, Object>> schoolCategories,
        List<Map<String, Object>> gradeLevels) {

    static SchoolView of(School s) {
        return new SchoolView(
                String.valueOf(s.schoolId),
                s.stateOrganizationId,
                s.nameOfInstitution,
                s.shortNameOfInstitution,
                s.webSite,
                s.operationalStatusDescriptor,
                s.typeDescriptor,
                s.charterStatusDescriptor,
                s.localEducationAgencyId,
                orEmpty(s.addresses),
                orEmpty(s.telephones),
                orEmpty(s.schoolCategories),
                orEmpty(s.gradeLevels));
    }

    private static List<Map<String, Object>> orEmpty(List<Map<String, Object>> list) {
        return list == null ? List.of() : list;
    }
}
