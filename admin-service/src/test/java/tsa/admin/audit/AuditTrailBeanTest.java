package tsa.admin.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tsa.admin.audit.AuditApi.JSON;
import static tsa.admin.audit.AuditApi.TIMESTAMP;
import static tsa.admin.audit.AuditApi.get;
import static tsa.admin.audit.AuditApi.list;
import static tsa.admin.audit.AuditApi.read;
import static tsa.admin.audit.AuditApi.uniqueAdmin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tsa.runtime.audit.AdminAction;
import tsa.runtime.audit.AdminAuditTrail;
import tsa.testsupport.MovableClock;
import tsa.testsupport.RealDataStores;

/**
 * admin-service's own {@link AdminAuditTrail}: the record comes first, with the acting admin's request details, and a
 * write that fails afterwards appends a second record pointing at the first.
 */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
@TestProfile(AuditTrailBeanTest.WithActingAdmin.class)
class AuditTrailBeanTest {

    /** Replaces the request's caller by one the test sets. */
    public static class WithActingAdmin implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(ActingAdmin.class);
        }
    }

    @Inject
    AdminAuditTrail trail;

    @Inject
    ActingAdmin actingAdmin;

    private String admin;
    private String sessionId;

    @BeforeEach
    void actAsAFreshAdmin() {
        admin = uniqueAdmin();
        sessionId = UUID.randomUUID().toString();
        actingAdmin.actAs(admin, sessionId, "198.51.100.4", "Mozilla/5.0 (admin portal)");
    }

    @Test
    void recordBeforeStoresTheActionWithTheAdminsRequestDetails() {
        AdminAction action = new AdminAction(
                AdminAction.UPDATE,
                "coach",
                "coach-42",
                "Deactivated coach coach-42",
                Map.of("profile_status", "active", "sport_specialties", List.of("soccer")),
                Map.of("profile_status", "inactive"));

        String logId = trail.recordBefore(action);

        Response stored = get(logId);
        assertThat(stored.statusCode()).as(stored.asString()).isEqualTo(200);
        JsonNode record = read(stored);
        assertThat(record.path("timestamp").asText()).matches(TIMESTAMP);
        ObjectNode expected = JSON.createObjectNode()
                .put("logId", logId)
                .put("adminEmail", admin)
                .put("actionType", "update")
                .put("resourceType", "coach")
                .put("resourceId", "coach-42")
                .put("actionDescription", "Deactivated coach coach-42")
                .put("ipAddress", "198.51.100.4")
                .put("userAgent", "Mozilla/5.0 (admin portal)")
                .put("sessionId", sessionId)
                .put("timestamp", record.path("timestamp").asText());
        expected.putObject("beforeState")
                .put("profile_status", "active")
                .putArray("sport_specialties")
                .add("soccer");
        expected.putObject("afterState").put("profile_status", "inactive");
        assertThat(record).isEqualTo(expected);
    }

    @Test
    void aFailedWriteLeavesItsRecordAndASecondOnePointingAtIt() {
        AdminAction action = new AdminAction(
                AdminAction.CREATE,
                "coach_invitation",
                "cinv-7",
                "Invited a coach",
                null,
                Map.of("coach_email", "ana@tsa.example"));

        String first = trail.recordBefore(action);
        JsonNode firstRecord = read(get(first));
        MovableClock.INSTANCE.advance(Duration.ofMillis(3)); // a later timestamp, so the order is defined
        trail.recordFailure(first, action, "mail server unreachable");

        JsonNode items = read(list(Map.of("adminEmail", admin))).path("items");
        assertThat(items).hasSize(2);
        JsonNode failure = items.get(0);
        assertThat(failure.path("logId").asText()).isNotEqualTo(first);
        assertThat(failure.path("outcome").asText()).isEqualTo("failed");
        assertThat(failure.path("relatedLogId").asText()).isEqualTo(first);
        assertThat(failure.path("actionType").asText()).isEqualTo("create");
        assertThat(failure.path("resourceId").asText()).isEqualTo("cinv-7");
        assertThat(failure.path("sessionId").asText()).isEqualTo(sessionId);
        assertThat(failure.path("actionDescription").asText()).contains("Invited a coach", "mail server unreachable");
        assertThat(failure.path("timestamp").asText())
                .isGreaterThan(firstRecord.path("timestamp").asText());
        // The first record is never changed.
        assertThat(items.get(1)).isEqualTo(firstRecord);
        assertThat(firstRecord.has("outcome")).isFalse();
        assertThat(firstRecord.has("beforeState")).isFalse();
    }

    @Test
    void auditedRecordsFirstThenWritesAndRecordsAFailureOnlyWhenTheWriteFails() {
        AdminAction ok = new AdminAction(AdminAction.UPDATE, "user", "u-1", "Disabled user u-1", null, null);
        String result = trail.audited(ok, () -> {
            // The record exists before the write runs.
            assertThat(read(list(Map.of("adminEmail", admin))).path("items")).hasSize(1);
            return "written";
        });
        assertThat(result).isEqualTo("written");
        assertThat(read(list(Map.of("adminEmail", admin))).path("items")).hasSize(1);

        AdminAction failing =
                new AdminAction(AdminAction.DELETE, "user", "u-2", "Revoked administrator u-2", null, null);
        assertThatThrownBy(() -> trail.audited(failing, () -> {
                    throw new IllegalStateException("row is locked");
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("row is locked");

        JsonNode items = read(list(Map.of("adminEmail", admin))).path("items");
        assertThat(items).hasSize(3);
        assertThat(items.get(0).path("outcome").asText()).isEqualTo("failed");
        assertThat(items.get(0).path("resourceId").asText()).isEqualTo("u-2");
        assertThat(items.get(0).path("relatedLogId").asText())
                .isEqualTo(items.get(1).path("logId").asText());
        assertThat(items.get(1).path("resourceId").asText()).isEqualTo("u-2");
        assertThat(items.get(1).has("outcome")).isFalse();
    }
}
