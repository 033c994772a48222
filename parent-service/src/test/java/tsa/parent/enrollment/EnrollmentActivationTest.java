package tsa.parent.enrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static tsa.parent.enrollment.EnrollmentFixtures.Family;
import static tsa.parent.enrollment.EnrollmentFixtures.adminToken;
import static tsa.parent.enrollment.EnrollmentFixtures.assertProblem;
import static tsa.parent.enrollment.EnrollmentFixtures.coachToken;
import static tsa.parent.enrollment.EnrollmentFixtures.column;
import static tsa.parent.enrollment.EnrollmentFixtures.create;
import static tsa.parent.enrollment.EnrollmentFixtures.enrolled;
import static tsa.parent.enrollment.EnrollmentFixtures.get;
import static tsa.parent.enrollment.EnrollmentFixtures.internalActivation;
import static tsa.parent.enrollment.EnrollmentFixtures.internalList;
import static tsa.parent.enrollment.EnrollmentFixtures.invited;
import static tsa.parent.enrollment.EnrollmentFixtures.outage;
import static tsa.parent.enrollment.EnrollmentFixtures.rows;
import static tsa.parent.enrollment.EnrollmentFixtures.status;
import static tsa.parent.enrollment.EnrollmentFixtures.studentChangesFor;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tsa.parent.enrollment.service.EdFiStudents;
import tsa.parent.enrollment.service.EnrollmentActivation;
import tsa.parent.enrollment.service.SchoolYear;
import tsa.parent.enrollment.store.Enrollment;
import tsa.parent.enrollment.store.EnrollmentStore;
import tsa.runtime.time.Timestamps;
import tsa.testsupport.DataStores;
import tsa.testsupport.RealDataStores;
import tsa.testsupport.ReferenceData;

/**
 * Activation writes the Ed-Fi rows exactly once, however it is repeated, raced or interrupted: a crash between any
 * two steps is finished by a retry of the PATCH or by sync-service's internal activation.
 */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
@QuarkusTestResource(OtherServicesStub.class)
class EnrollmentActivationTest {

    @Inject
    EnrollmentStore store;

    @Inject
    EdFiStudents edFi;

    @BeforeEach
    void schools() {
        ReferenceData.loadSchools(DataStores.shared().postgres());
    }

    @AfterEach
    void servicesBack() {
        outage("sync", false);
        outage("coach", false);
    }

    @Test
    void activationWritesTheStudentAndItsSchoolAssociationOnce() {
        Family family = invited(EnrollmentFixtures.coach("255901044"), "opened");
        Response created = create(
                family.token(),
                Map.of("dateOfBirth", "2015-03-02", "gradeLevel", "Fifth grade", "startDate", "2027-01-11"));
        String id = created.jsonPath().getString("enrollmentId");
        String coach = coachToken(family.coachId());

        Response active = status(coach, id, "active");

        active.then().statusCode(200);
        String studentUniqueId = EnrollmentActivation.studentUniqueIdFor(id);
        assertThat(active.jsonPath().getString("enrollmentStatus")).isEqualTo("active");
        assertThat(active.jsonPath().getString("studentUniqueId")).isEqualTo(studentUniqueId);
        String activatedAt = active.jsonPath().getString("activatedAt");
        assertThat(activatedAt).isNotNull();
        assertThat(rows("students", studentUniqueId)).isEqualTo(1);
        assertThat(rows("student_school_associations", studentUniqueId)).isEqualTo(1);
        assertThat(column("students", "first_name", studentUniqueId)).isEqualTo("Sam");
        assertThat(column("students", "last_name", studentUniqueId)).isEqualTo("Lopez");
        assertThat(column("students", "birth_date", studentUniqueId)).isEqualTo("2015-03-02");
        assertThat(column("student_school_associations", "school_id", studentUniqueId))
                .isEqualTo("255901044");
        assertThat(column("student_school_associations", "entry_date", studentUniqueId))
                .isEqualTo("2027-01-11");
        assertThat(column("student_school_associations", "entry_grade_level_descriptor", studentUniqueId))
                .isEqualTo("Fifth grade");
        int schoolYear = SchoolYear.of(LocalDate.ofInstant(Instant.parse(activatedAt), ZoneOffset.UTC));
        assertThat(column("student_school_associations", "school_year", studentUniqueId))
                .isEqualTo(Integer.toString(schoolYear));
        assertThat(studentChangesFor(studentUniqueId)).hasSize(1);
        assertThat(studentChangesFor(studentUniqueId).get(0)).containsEntry("_subject", "parent-service");

        // repeating the activation, by the coach, an admin and sync-service, creates nothing more
        status(coach, id, "active").then().statusCode(200);
        status(adminToken(), id, "active").then().statusCode(200);
        Response repaired = internalActivation(id);
        repaired.then().statusCode(200);
        assertThat(repaired.jsonPath().getString("studentUniqueId")).isEqualTo(studentUniqueId);
        assertThat(repaired.jsonPath().getString("activatedAt")).isEqualTo(activatedAt);
        assertThat(rows("students", studentUniqueId)).isEqualTo(1);
        assertThat(rows("student_school_associations", studentUniqueId)).isEqualTo(1);
        assertThat(store.find(id).orElseThrow().version()).isEqualTo(3L);
    }

    @Test
    void withoutAStartDateTheStudentEntersOnTheActivationDay() {
        Family family = invited();
        String id = enrolled(family);

        Response active = status(coachToken(family.coachId()), id, "active");

        String studentUniqueId = active.jsonPath().getString("studentUniqueId");
        LocalDate day = LocalDate.ofInstant(Instant.parse(active.jsonPath().getString("activatedAt")), ZoneOffset.UTC);
        assertThat(column("student_school_associations", "entry_date", studentUniqueId))
                .isEqualTo(day.toString());
        assertThat(column("students", "birth_date", studentUniqueId)).isNull();
    }

    @Test
    void racingActivationsWriteOneStudent() throws Exception {
        Family family = invited();
        String id = enrolled(family);
        String coach = coachToken(family.coachId());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(i % 2 == 0 ? () -> status(coach, id, "active") : () -> status(adminToken(), id, "active"));
        }
        Set<Integer> statuses = new HashSet<>();
        try {
            for (Future<Response> answer : pool.invokeAll(calls)) {
                statuses.add(answer.get().statusCode());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(statuses).containsOnly(200);
        String studentUniqueId = EnrollmentActivation.studentUniqueIdFor(id);
        assertThat(rows("students", studentUniqueId)).isEqualTo(1);
        assertThat(rows("student_school_associations", studentUniqueId)).isEqualTo(1);
        assertThat(get(family.token(), id).jsonPath().getString("studentUniqueId"))
                .isEqualTo(studentUniqueId);
    }

    /** A crash right after step 1: the item is active, PostgreSQL has nothing, the item names no student. */
    private String crashedAfterMarkingActive(Family family) {
        String id = enrolled(family);
        store.change(
                        id,
                        pending -> pending.toBuilder()
                                .enrollmentStatus("active")
                                .activatedAt(Timestamps.format(Instant.now()))
                                .build())
                .orElseThrow();
        return id;
    }

    @Test
    void aCrashBeforeThePostgresStepIsFinishedByRetryingThePatch() {
        Family family = invited();
        String id = crashedAfterMarkingActive(family);
        String studentUniqueId = EnrollmentActivation.studentUniqueIdFor(id);
        assertThat(rows("students", studentUniqueId)).isZero();

        Response retried = status(coachToken(family.coachId()), id, "active");

        retried.then().statusCode(200);
        assertThat(retried.jsonPath().getString("studentUniqueId")).isEqualTo(studentUniqueId);
        assertThat(rows("students", studentUniqueId)).isEqualTo(1);
        assertThat(rows("student_school_associations", studentUniqueId)).isEqualTo(1);
    }

    @Test
    void aCrashBeforeThePostgresStepIsFinishedByTheInternalActivation() {
        Family family = invited();
        String id = crashedAfterMarkingActive(family);
        String studentUniqueId = EnrollmentActivation.studentUniqueIdFor(id);

        // the reconciliation finds it through status-index ...
        List<String> active = new ArrayList<>();
        String cursor = null;
        do {
            Response page = internalList(
                    "active", cursor == null ? Map.of("limit", 100) : Map.of("limit", 100, "cursor", cursor));
            page.then().statusCode(200);
            active.addAll(page.jsonPath().getList("items.enrollmentId"));
            cursor = page.jsonPath().getString("nextCursor");
        } while (cursor != null);
        assertThat(active).contains(id);

        // ... and asks for the repair
        Response repaired = internalActivation(id);

        repaired.then().statusCode(200);
        assertThat(repaired.jsonPath().getString("studentUniqueId")).isEqualTo(studentUniqueId);
        assertThat(rows("students", studentUniqueId)).isEqualTo(1);
        assertThat(rows("student_school_associations", studentUniqueId)).isEqualTo(1);
        assertThat(studentChangesFor(studentUniqueId)).hasSize(1);
        internalActivation(id).then().statusCode(200);
        assertThat(rows("students", studentUniqueId)).isEqualTo(1);
    }

    @Test
    void aCrashAfterThePostgresStepIsFinishedWithoutWritingTheRowsAgain() {
        Family family = invited();
        String id = crashedAfterMarkingActive(family);
        String studentUniqueId = EnrollmentActivation.studentUniqueIdFor(id);
        Enrollment active = store.find(id).orElseThrow();
        LocalDate day = LocalDate.ofInstant(Instant.parse(active.activatedAt()), ZoneOffset.UTC);
        // step 2 happened, step 3 did not
        assertThat(edFi.ensure(new EdFiStudents.EdFiEnrollment(
                        studentUniqueId, active.studentName(), null, 255901001, day, SchoolYear.of(day), null)))
                .isTrue();
        String usi = column("students", "student_usi", studentUniqueId);

        status(adminToken(), id, "active").then().statusCode(200);

        assertThat(rows("students", studentUniqueId)).isEqualTo(1);
        assertThat(rows("student_school_associations", studentUniqueId)).isEqualTo(1);
        assertThat(column("students", "student_usi", studentUniqueId)).isEqualTo(usi);
        assertThat(store.find(id).orElseThrow().studentUniqueId()).isEqualTo(studentUniqueId);
    }

    @Test
    void sync_serviceDownDoesNotFailTheActivation() {
        Family family = invited();
        String id = enrolled(family);
        outage("sync", true);

        Response active = status(coachToken(family.coachId()), id, "active");

        active.then().statusCode(200);
        String studentUniqueId = active.jsonPath().getString("studentUniqueId");
        assertThat(rows("students", studentUniqueId)).isEqualTo(1);
        assertThat(studentChangesFor(studentUniqueId)).isEmpty();
        outage("sync", false);
        internalActivation(id).then().statusCode(200);
        assertThat(studentChangesFor(studentUniqueId)).hasSize(1);
    }

    @Test
    void anEnrollmentWithoutASchoolTakesItFromTheCoachAtActivation() {
        String coachWithoutProfile = EnrollmentFixtures.unique("coach");
        Family family = invited(coachWithoutProfile, "sent");
        Response created = create(family.token(), Map.of());
        created.then().statusCode(201);
        assertThat(created.jsonPath().getString("schoolId")).isNull();
        String id = created.jsonPath().getString("enrollmentId");

        assertProblem(status(coachToken(coachWithoutProfile), id, "active"), 409);
        // the enrollment is active (step 1 done); once the coach has a profile a retry finishes it
        io.restassured.RestAssured.given()
                .contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("coachId", coachWithoutProfile, "schoolId", "255901044"))
                .post(EnrollmentFixtures.stub() + "/control/profiles")
                .then()
                .statusCode(201);
        Response finished = status(coachToken(coachWithoutProfile), id, "active");
        finished.then().statusCode(200);
        assertThat(finished.jsonPath().getString("schoolId")).isEqualTo("255901044");
        assertThat(column(
                        "student_school_associations",
                        "school_id",
                        finished.jsonPath().getString("studentUniqueId")))
                .isEqualTo("255901044");
    }

    @Test
    void theInternalActivationIsForActiveEnrollmentsOnly() {
        Family family = invited();
        String id = enrolled(family);

        assertProblem(internalActivation(id), 409);
        assertProblem(internalActivation("no-such-enrollment"), 404);
        assertThat(rows("students", EnrollmentActivation.studentUniqueIdFor(id)))
                .isZero();
    }

    @Test
    void theInternalListPagesOneStatusOldestFirst() {
        Family family = invited();
        String first = enrolled(family);
        String second = enrolled(invited());
        List<String> createdAt = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            Response page =
                    internalList("pending", cursor == null ? Map.of("limit", 7) : Map.of("limit", 7, "cursor", cursor));
            page.then().statusCode(200);
            // (the last page may be empty: DynamoDB hands out a cursor when a page ends exactly at the end)
            assertThat(page.jsonPath().getList("items.enrollmentStatus", String.class))
                    .allMatch("pending"::equals);
            createdAt.addAll(page.jsonPath().getList("items.createdAt"));
            ids.addAll(page.jsonPath().getList("items.enrollmentId"));
            cursor = page.jsonPath().getString("nextCursor");
        } while (cursor != null);
        assertThat(ids).contains(first, second);
        assertThat(createdAt).isSorted();
        assertProblem(internalList("unknown", Map.of()), 400);
        assertProblem(
                io.restassured.RestAssured.given()
                        .auth()
                        .oauth2(tsa.testsupport.TestTokens.service("sync-service"))
                        .get("/internal/enrollments"),
                400);
    }
}
