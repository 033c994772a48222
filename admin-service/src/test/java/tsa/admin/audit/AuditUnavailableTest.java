package tsa.admin.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tsa.admin.audit.AuditApi.get;
import static tsa.admin.audit.AuditApi.list;
import static tsa.admin.audit.AuditApi.newLogId;
import static tsa.admin.audit.AuditApi.record;
import static tsa.admin.audit.AuditApi.recordBody;
import static tsa.admin.audit.AuditApi.uniqueAdmin;
import static tsa.admin.audit.AuditRecordIntakeTest.assertProblem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import tsa.runtime.audit.AdminAction;
import tsa.runtime.audit.AdminAuditTrail;
import tsa.runtime.problem.ProblemException;
import tsa.testsupport.RealDataStores;

/**
 * No record, no write: when the audit table can't be reached, an audited write is refused with 503 before it runs.
 * The profile points the audit table at one that does not exist and switches provisioning off (which would
 * create it); the other tables are not needed here.
 */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
@TestProfile(AuditUnavailableTest.WithoutAuditTable.class)
class AuditUnavailableTest {

    public static class WithoutAuditTable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "tsa.tables.audit-logs",
                    "audit-table-that-does-not-exist-" + UUID.randomUUID(),
                    "tsa.dynamodb.provisioning.enabled",
                    "false");
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(ActingAdmin.class);
        }
    }

    @Inject
    AdminAuditTrail trail;

    @Inject
    ActingAdmin actingAdmin;

    @Test
    void anAuditedWriteIsNotMadeWhenItsRecordCannotBeWritten() {
        actingAdmin.actAs(uniqueAdmin(), UUID.randomUUID().toString(), "198.51.100.4", "Mozilla/5.0");
        AtomicBoolean written = new AtomicBoolean();
        AdminAction action = new AdminAction(
                AdminAction.UPDATE,
                "coach",
                "coach-9",
                "Deactivated coach coach-9",
                Map.of("profile_status", "active"),
                Map.of("profile_status", "inactive"));

        assertThatThrownBy(() -> trail.audited(action, () -> {
                    written.set(true);
                    return null;
                }))
                .isInstanceOfSatisfying(
                        ProblemException.class, e -> assertThat(e.status()).isEqualTo(503));
        assertThat(written).isFalse();
    }

    @Test
    void recordingAFailureNeverThrows() {
        actingAdmin.actAs(uniqueAdmin(), UUID.randomUUID().toString(), null, null);
        AdminAction action =
                new AdminAction(AdminAction.DELETE, "user", "u-3", "Revoked administrator u-3", null, null);

        assertThatCode(() -> trail.recordFailure(newLogId(), action, "database down"))
                .doesNotThrowAnyException();
    }

    @Test
    void theInternalEndpointAndTheQueriesAnswer503() {
        assertProblem(record(recordBody(newLogId(), uniqueAdmin(), "update")), 503);
        assertProblem(get(newLogId()), 503);
        assertProblem(list(Map.of("actionType", "update")), 503);
    }
}
