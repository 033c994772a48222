package tsa.testsupport;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContractResponsesTest {

    private static final Path COACH = ContractOperations.contract("coach-service");

    private static Map<String, Object> profile() {
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("coachId", "c-1");
        profile.put("firstName", "Casey");
        profile.put("lastName", "Jordan");
        profile.put("email", "casey@tsa.example");
        profile.put("phone", "+15125550100");
        profile.put("schoolId", "255901001");
        profile.put("sportSpecialties", List.of("basketball"));
        profile.put("profileStatus", "active");
        profile.put("createdAt", "2026-11-20T10:00:00.000Z");
        profile.put("updatedAt", "2026-11-25T10:00:00.000Z");
        profile.put("version", 1);
        return profile;
    }

    @Test
    void anAnswerOfTheContractPasses() {
        assertThatCode(() -> ContractResponses.assertValid(COACH, "GET", "/internal/profiles/c-1", 200, profile()))
                .doesNotThrowAnyException();
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("items", List.of(profile()));
        page.put("nextCursor", null);
        assertThatCode(() -> ContractResponses.assertValid(COACH, "GET", "/internal/profiles", 200, page))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> ContractResponses.assertValid(
                        COACH, "GET", "/internal/profiles", 200, Map.of("items", List.of(profile()))))
                .as("nextCursor is required")
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void aBodyOutsideTheSchemaAnUndeclaredStatusOrAnUnknownOperationFails() {
        Map<String, Object> badStatus = profile();
        badStatus.put("profileStatus", "retired");
        assertThatThrownBy(() -> ContractResponses.assertValid(COACH, "GET", "/internal/profiles/c-1", 200, badStatus))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("does not match the contract");
        assertThatThrownBy(() -> ContractResponses.assertValid(
                        COACH, "GET", "/internal/profiles/c-1", 200, Map.of("items", "not a profile")))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> ContractResponses.assertValid(COACH, "GET", "/internal/profiles/c-1", 418, profile()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("declares no 418");
        assertThatThrownBy(() -> ContractResponses.assertValid(COACH, "GET", "/internal/nothing-here", 200, "{}"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("no such operation");
    }
}
