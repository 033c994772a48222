package tsa.sync.reconciliation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tsa.sync.AdminServiceStub;
import tsa.sync.CoachServiceStub;
import tsa.sync.ParentServiceStub;
import tsa.sync.StubServices;
import tsa.sync.SyncFixtures;
import tsa.sync.copy.store.StudentCopy;
import tsa.sync.copy.store.StudentCopyStore;
import tsa.testsupport.RealDataStores;

/**
 * The enrollment part of the consistency check: parent-service's active enrollments (a stand-in over real HTTP, two a
 * page, its answers held to parent-service's contract) against the Ed-Fi rows their activation writes, and the
 * students' operational copies; reported, repaired, and left unchecked (not failed) when parent-service is down.
 */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
@QuarkusTestResource(StubServices.class)
class EnrollmentReconciliationTest {

    @Inject
    StudentCopyStore studentCopies;

    @Inject
    CircuitBreakerMaintenance circuits;

    @Inject
    DynamoDbClient dynamo;

    @BeforeEach
    void stubs() {
        SyncFixtures.loadSchools();
        CoachServiceStub.reset();
        AdminServiceStub.recordsAudits();
        ParentServiceStub.reset();
    }

    @AfterEach
    void restore() {
        ParentServiceStub.reset();
        circuits.resetAll();
    }

    @Test
    void activeEnrollmentsWithoutTheirEdFiRowsAreReportedThenFinishedByParentService() {
        // Activated, but the student id never reached the enrollment (a crash between two activation steps).
        String withoutId = newEnrollmentId();
        ParentServiceStub.put(ParentServiceStub.active(withoutId, null));
        // Carries a student id whose students row is absent.
        String withoutRow = newEnrollmentId();
        String lostStudent = newStudentId();
        ParentServiceStub.put(ParentServiceStub.active(withoutRow, lostStudent));
        // The students row is there, its school association is not.
        String withoutAssociation = newEnrollmentId();
        String unassociated = newStudentId();
        insertStudent(unassociated);
        ParentServiceStub.put(ParentServiceStub.active(withoutAssociation, unassociated));
        // Complete: not reported.
        String complete = newEnrollmentId();
        String enrolled = newStudentId();
        insertStudent(enrolled);
        insertAssociation(enrolled);
        ParentServiceStub.put(ParentServiceStub.active(complete, enrolled));
        // What parent-service's activation writes for each, as the real one would, before it answers.
        String minted = newStudentId();
        ParentServiceStub.onActivation(withoutId, minted, () -> {
            insertStudent(minted);
            insertAssociation(minted);
        });
        ParentServiceStub.onActivation(withoutRow, lostStudent, () -> {
            insertStudent(lostStudent);
            insertAssociation(lostStudent);
        });
        ParentServiceStub.onActivation(withoutAssociation, unassociated, () -> insertAssociation(unassociated));

        JsonPath report = run("false");

        assertThat(report.getString("status")).isEqualTo("completed");
        assertThat(report.getList("unchecked")).isNull();
        assertThat(report.getInt("enrollmentsChecked")).isEqualTo(4);
        assertThat(found(report, "enrollment_without_student", withoutId))
                .hasValueSatisfying(d -> assertThat(d.getBoolean("repaired")).isFalse());
        assertThat(found(report, "enrollment_without_student", withoutRow)).isPresent();
        assertThat(found(report, "enrollment_without_school_association", withoutAssociation))
                .isPresent();
        assertThat(report.getList("discrepancies.resourceId", String.class)).doesNotContain(complete);
        assertThat(report.getInt("summary.enrollmentsWithoutEdFiRecords")).isEqualTo(3);
        for (String id : List.of(withoutId, withoutRow, withoutAssociation, complete)) {
            assertThat(ParentServiceStub.activationCalls(id))
                    .as("report-only run asked to finish " + id)
                    .isZero();
        }

        JsonPath repaired = run("true");

        for (String id : List.of(withoutId, withoutRow)) {
            assertThat(found(repaired, "enrollment_without_student", id)
                            .orElseThrow()
                            .getBoolean("repaired"))
                    .as(id)
                    .isTrue();
        }
        assertThat(found(repaired, "enrollment_without_school_association", withoutAssociation)
                        .orElseThrow()
                        .getBoolean("repaired"))
                .isTrue();
        assertThat(ParentServiceStub.activationCalls(withoutId)).isEqualTo(1);
        assertThat(ParentServiceStub.activationCalls(withoutRow)).isEqualTo(1);
        assertThat(ParentServiceStub.activationCalls(withoutAssociation)).isEqualTo(1);
        assertThat(ParentServiceStub.activationCalls(complete)).isZero();
        assertThat(repaired.getInt("summary.repaired")).isGreaterThanOrEqualTo(3);
        // The students the repair had written are compared with their copies in the same run, and copied.
        assertThat(found(repaired, "student_copy_missing", minted).orElseThrow().getBoolean("repaired"))
                .isTrue();
        assertThat(studentCopies.find(minted)).isNotNull();
    }

    @Test
    void aRepairThatParentServiceAnswersWithoutWritingTheRowsIsNotCountedAsRepaired() {
        String enrollment = newEnrollmentId();
        ParentServiceStub.put(ParentServiceStub.active(enrollment, null));
        // Answers 200 with a student id, but nothing reaches PostgreSQL.
        ParentServiceStub.onActivation(enrollment, newStudentId(), null);

        JsonPath report = run("true");

        assertThat(found(report, "enrollment_without_student", enrollment)
                        .orElseThrow()
                        .getBoolean("repaired"))
                .isFalse();
        assertThat(ParentServiceStub.activationCalls(enrollment)).isEqualTo(1);
    }

    @Test
    void aMissingOrStaleStudentCopyIsReportedAndRefreshed() {
        String enrollment = newEnrollmentId();
        String missing = newStudentId();
        insertStudent(missing);
        insertAssociation(missing);
        ParentServiceStub.put(ParentServiceStub.active(enrollment, missing));
        String stale = newStudentId();
        insertStudent(stale);
        // A copy of the row, then the row changes behind it.
        run("true");
        assertThat(studentCopies.find(stale)).isNotNull();
        SyncFixtures.sql("UPDATE students SET last_name = 'Changed' WHERE student_unique_id = ?", stale);
        studentCopies.put(
                studentCopies.find(stale).toBuilder().firstName("Tampered").build());
        deleteCopy(missing);

        JsonPath report = run("false");

        assertThat(found(report, "student_copy_missing", missing)).isPresent();
        assertThat(found(report, "student_copy_differs", stale))
                .hasValueSatisfying(d -> assertThat(d.getList("fields", String.class))
                        .contains("first_name", "last_name", "_last_modified_date"));
        assertThat(found(report, "enrollment_without_student", enrollment)).isEmpty();
        assertThat(studentCopies.find(missing)).isNull();

        JsonPath repaired = run("true");

        assertThat(found(repaired, "student_copy_missing", missing)
                        .orElseThrow()
                        .getBoolean("repaired"))
                .isTrue();
        assertThat(found(repaired, "student_copy_differs", stale).orElseThrow().getBoolean("repaired"))
                .isTrue();
        assertThat(studentCopies.find(missing))
                .extracting(StudentCopy::firstName)
                .isEqualTo("Sam");
        assertThat(studentCopies.find(stale)).satisfies(copy -> {
            assertThat(copy.firstName()).isEqualTo("Sam");
            assertThat(copy.lastName()).isEqualTo("Changed");
        });
        JsonPath after = run("false");
        assertThat(after.getList("discrepancies.resourceId", String.class)).doesNotContain(missing, stale);
    }

    @Test
    void whenParentServiceIsDownTheEnrollmentsAreReportedUncheckedAndTheRestOfTheRunCompletes() {
        String coachId = SyncFixtures.newCoachId();
        CoachServiceStub.put(CoachServiceStub.profile(
                coachId, 1, "Casey", "Jordan", coachId + "@example.com", null, SyncFixtures.SCHOOL, "active"));
        String student = newStudentId();
        insertStudent(student);
        ParentServiceStub.unreachable();

        for (String repair : List.of("false", "true")) {
            JsonPath report = run(repair);

            assertThat(report.getString("status")).as("repair=" + repair).isEqualTo("completed");
            assertThat(report.getList("unchecked.part", String.class)).containsExactly("enrollments");
            assertThat(report.getString("unchecked[0].reason")).contains("parent-service");
            assertThat(report.getInt("enrollmentsChecked")).isZero();
            // The other parts ran: a profile without a user, a student without a copy (repaired by the second run).
            assertThat(found(report, "profile_without_user", coachId)).isPresent();
            assertThat(found(report, "student_copy_missing", student)).isPresent();
        }
        assertThat(studentCopies.find(student)).isNotNull();
        assertThat(SyncFixtures.user(coachId)).isNotNull();
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .containsPattern("tsa_sync_reconciliation_unchecked\\{[^}]*part=\"enrollments\"[^}]*} 1\\.0")
                .containsPattern("tsa_sync_reconciliation_drift\\{[^}]*kind=\"enrollment_without_student\"[^}]*} NaN");

        ParentServiceStub.reset();
        circuits.resetAll();
        JsonPath recovered = run("false");
        assertThat(recovered.getList("unchecked")).isNull();
        assertThat(given().get("/q/metrics").then().extract().asString())
                .containsPattern("tsa_sync_reconciliation_unchecked\\{[^}]*part=\"enrollments\"[^}]*} 0\\.0");
    }

    private static JsonPath run(String repair) {
        return ReconciliationRuns.run(SyncFixtures.admin(), repair);
    }

    private static Optional<JsonPath> found(JsonPath report, String kind, String resourceId) {
        return ReconciliationRuns.found(report, kind, resourceId);
    }

    private void deleteCopy(String studentUniqueId) {
        dynamo.deleteItem(r ->
                r.tableName("students-dev").key(Map.of("student_unique_id", AttributeValue.fromS(studentUniqueId))));
    }

    private static String newEnrollmentId() {
        return "enr-" + UUID.randomUUID();
    }

    private static String newStudentId() {
        return "S-" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
    }

    private static void insertStudent(String id) {
        SyncFixtures.sql(
                "INSERT INTO students (student_unique_id, student_usi, first_name, last_name, birth_date)"
                        + " VALUES (?, ?, 'Sam', 'Lopez', DATE '2014-03-02')",
                id,
                ThreadLocalRandom.current().nextInt(100_000_000, 999_999_999));
    }

    private static void insertAssociation(String id) {
        SyncFixtures.sql(
                "INSERT INTO student_school_associations (student_unique_id, school_id, entry_date,"
                        + " school_year) VALUES (?, ?, DATE '2026-08-20', 2027)",
                id,
                Integer.parseInt(SyncFixtures.SCHOOL));
    }
}
