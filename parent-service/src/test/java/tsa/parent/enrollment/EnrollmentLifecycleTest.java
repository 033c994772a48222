package tsa.parent.enrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static tsa.parent.enrollment.EnrollmentFixtures.ADMIN_EMAIL;
import static tsa.parent.enrollment.EnrollmentFixtures.Family;
import static tsa.parent.enrollment.EnrollmentFixtures.adminToken;
import static tsa.parent.enrollment.EnrollmentFixtures.assertProblem;
import static tsa.parent.enrollment.EnrollmentFixtures.auditRecordsFor;
import static tsa.parent.enrollment.EnrollmentFixtures.coachToken;
import static tsa.parent.enrollment.EnrollmentFixtures.enrolled;
import static tsa.parent.enrollment.EnrollmentFixtures.get;
import static tsa.parent.enrollment.EnrollmentFixtures.invited;
import static tsa.parent.enrollment.EnrollmentFixtures.milestones;
import static tsa.parent.enrollment.EnrollmentFixtures.outage;
import static tsa.parent.enrollment.EnrollmentFixtures.patch;
import static tsa.parent.enrollment.EnrollmentFixtures.payment;
import static tsa.parent.enrollment.EnrollmentFixtures.status;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tsa.parent.enrollment.service.EnrollmentStatus;
import tsa.testsupport.DataStores;
import tsa.testsupport.RealDataStores;
import tsa.testsupport.ReferenceData;

/**
 * Status moves over HTTP, every pair of the table, by the assigned coach and by admins (audited first); payment by
 * admins only; program steps recorded once each, in order, with their time.
 */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
@QuarkusTestResource(OtherServicesStub.class)
class EnrollmentLifecycleTest {

    @BeforeEach
    void schools() {
        ReferenceData.loadSchools(DataStores.shared().postgres());
    }

    @AfterEach
    void servicesBack() {
        outage("admin", false);
    }

    @Test
    void everyTransitionOverHttpIsAllowedOrRefusedAsTheTableSays() {
        List<String> seen = new ArrayList<>();
        for (EnrollmentStatus from : EnrollmentStatus.values()) {
            for (EnrollmentStatus to : EnrollmentStatus.values()) {
                Family family = invited();
                String coach = coachToken(family.coachId());
                String id = enrolled(family);
                bringTo(coach, id, from);

                Response moved = status(coach, id, to.value());

                boolean allowed = EnrollmentStatusTableTest.ALLOWED.get(from).contains(to);
                String what = from.value() + " -> " + to.value() + ": " + moved.asString();
                if (allowed) {
                    assertThat(moved.statusCode()).as(what).isEqualTo(200);
                    assertThat(moved.jsonPath().getString("enrollmentStatus"))
                            .as(what)
                            .isEqualTo(to.value());
                } else {
                    assertThat(moved.statusCode()).as(what).isEqualTo(409);
                    assertThat(moved.contentType()).as(what).startsWith("application/problem+json");
                    assertThat(get(family.token(), id).jsonPath().getString("enrollmentStatus"))
                            .as(what)
                            .isEqualTo(from.value());
                }
                seen.add(what.substring(0, what.indexOf(':')));
            }
        }
        assertThat(seen).hasSize(16);
    }

    private static void bringTo(String coach, String id, EnrollmentStatus target) {
        List<String> path = switch (target) {
            case PENDING -> List.of();
            case ACTIVE -> List.of("active");
            case COMPLETED -> List.of("active", "completed");
            case CANCELLED -> List.of("cancelled");
        };
        for (String step : path) {
            status(coach, id, step).then().statusCode(200);
        }
    }

    @Test
    void settingTheSameStatusAgainChangesNothing() {
        Family family = invited();
        String coach = coachToken(family.coachId());
        String id = enrolled(family);
        Map<String, Object> before = get(family.token(), id).jsonPath().getMap("$");

        Response again = status(coach, id, "pending");

        again.then().statusCode(200);
        assertThat(again.jsonPath().getMap("$")).isEqualTo(before);
    }

    @Test
    void parentsCannotMoveTheStatusAndOtherCoachesDoNotSeeIt() {
        Family family = invited();
        String id = enrolled(family);

        assertProblem(status(family.token(), id, "active"), 403);
        assertProblem(status(coachToken(EnrollmentFixtures.coach()), id, "active"), 404);
        assertProblem(status(coachToken(family.coachId()), "no-such-enrollment", "active"), 404);

        assertThat(get(family.token(), id).jsonPath().getString("enrollmentStatus"))
                .isEqualTo("pending");
    }

    @Test
    void anAdminsStatusChangeIsAuditedBeforeItIsMade() {
        Family family = invited();
        String id = enrolled(family);

        Response cancelled = status(adminToken(), id, "cancelled");

        cancelled.then().statusCode(200);
        List<Map<String, Object>> records = auditRecordsFor(id);
        assertThat(records).hasSize(1);
        Map<String, Object> record = records.get(0);
        assertThat(record)
                .containsEntry("adminEmail", ADMIN_EMAIL)
                .containsEntry("actionType", "update")
                .containsEntry("resourceType", "enrollment")
                .containsKey("sessionId");
        assertThat((Map<String, Object>) record.get("beforeState")).containsEntry("enrollmentStatus", "pending");
        assertThat((Map<String, Object>) record.get("afterState")).containsEntry("enrollmentStatus", "cancelled");
        assertThat(record).doesNotContainKey("outcome");
    }

    @Test
    void anAdminsFailedChangeIsRecordedAsFailedAfterItsFirstRecord() {
        Family family = invited();
        String id = enrolled(family);
        status(adminToken(), id, "cancelled").then().statusCode(200);

        assertProblem(status(adminToken(), id, "active"), 409);

        List<Map<String, Object>> records = auditRecordsFor(id);
        assertThat(records).hasSize(3);
        assertThat(records.get(2))
                .containsEntry("outcome", "failed")
                .containsEntry("relatedLogId", records.get(1).get("logId"));
    }

    @Test
    void noAuditRecordNoAdminWrite() {
        Family family = invited();
        String id = enrolled(family);
        outage("admin", true);

        assertProblem(status(adminToken(), id, "cancelled"), 503);
        assertProblem(payment(adminToken(), id, "paid"), 503);
        assertProblem(milestones(adminToken(), id, List.of("documents")), 503);

        outage("admin", false);
        Map<String, Object> now = get(family.token(), id).jsonPath().getMap("$");
        assertThat(now)
                .containsEntry("enrollmentStatus", "pending")
                .containsEntry("paymentStatus", "pending")
                .containsEntry("progressMilestones", List.of());
        // the coach's own changes don't need admin-service
        outage("admin", true);
        status(coachToken(family.coachId()), id, "cancelled").then().statusCode(200);
    }

    @Test
    void onlyAdminsSetThePaymentStatusAuditedAsPayment() {
        Family family = invited();
        String id = enrolled(family);

        assertProblem(payment(family.token(), id, "paid"), 403);
        assertProblem(payment(coachToken(family.coachId()), id, "paid"), 403);
        for (String value : List.of("paid", "overdue", "pending", "paid")) {
            Response paid = payment(adminToken(), id, value);
            paid.then().statusCode(200);
            assertThat(paid.jsonPath().getString("paymentStatus")).isEqualTo(value);
        }
        assertProblem(payment(adminToken(), id, "refunded"), 400);
        assertProblem(payment(adminToken(), "no-such-enrollment", "paid"), 404);

        // four changes, four records; the refused value and the unknown id are refused before anything is recorded
        List<Map<String, Object>> records = auditRecordsFor(id);
        assertThat(records).hasSize(4);
        assertThat(records).allSatisfy(r -> assertThat(r).containsEntry("resourceType", "payment"));
    }

    @Test
    void theParentCompletesProgramStepsEachRecordedOnceInOrderWithItsTime() {
        Family family = invited();
        String id = enrolled(family);
        Instant before = Instant.now().minusSeconds(1);

        milestones(family.token(), id, List.of("registration", "documents"))
                .then()
                .statusCode(200);
        Response again = milestones(family.token(), id, List.of("documents", "consultation"));

        again.then().statusCode(200);
        assertThat(again.jsonPath().getList("progressMilestones"))
                .containsExactly("registration", "documents", "consultation");
        List<Map<String, String>> recorded = again.jsonPath().getList("milestones");
        assertThat(recorded)
                .extracting(m -> m.get("milestone"))
                .containsExactly("registration", "documents", "consultation");
        assertThat(recorded)
                .allSatisfy(m -> assertThat(Instant.parse(m.get("completedAt"))).isAfter(before));
        String documentsAt = recorded.get(1).get("completedAt");

        Response repeated = milestones(family.token(), id, List.of("registration", "documents", "consultation"));
        assertThat(repeated.jsonPath().getMap("$")).isEqualTo(again.jsonPath().getMap("$"));
        assertThat(repeated.jsonPath().getString("milestones[1].completedAt")).isEqualTo(documentsAt);
    }

    @Test
    void theAssignedCoachAndAdminsRecordStepsTooOthersDoNot() {
        Family family = invited();
        String id = enrolled(family);

        milestones(coachToken(family.coachId()), id, List.of("assessment"))
                .then()
                .statusCode(200);
        milestones(adminToken(), id, List.of("shadow_day")).then().statusCode(200);
        assertProblem(milestones(coachToken(EnrollmentFixtures.coach()), id, List.of("x")), 404);
        assertProblem(milestones(invited().token(), id, List.of("x")), 404);

        assertThat(get(family.token(), id).jsonPath().getList("progressMilestones"))
                .containsExactly("assessment", "shadow_day");
        assertThat(auditRecordsFor(id)).hasSize(1);
        assertThat(auditRecordsFor(id).get(0)).containsEntry("resourceType", "enrollment");
    }

    @Test
    void closedEnrollmentsTakeNoMoreStepsAndTheStepsAreCapped() {
        Family family = invited();
        String id = enrolled(family);
        List<String> fifty = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            fifty.add("step " + i);
        }
        milestones(family.token(), id, fifty).then().statusCode(200);
        assertProblem(milestones(family.token(), id, List.of("step 51")), 409);

        status(coachToken(family.coachId()), id, "cancelled").then().statusCode(200);
        assertProblem(milestones(family.token(), id, List.of("step 1", "late")), 409);
    }

    @Test
    void theParentCompletesTheStudentsDetailsWhilePending() {
        Family family = invited();
        String id = enrolled(family);

        Response completed =
                patch(family.token(), id, "student", Map.of("dateOfBirth", "2014-05-06", "gradeLevel", "Sixth grade"));
        completed.then().statusCode(200);
        Response more = patch(family.token(), id, "student", Map.of("studentAge", 12, "startDate", "2027-01-04"));

        more.then().statusCode(200);
        assertThat(more.jsonPath().getMap("$"))
                .containsEntry("dateOfBirth", "2014-05-06")
                .containsEntry("gradeLevel", "Sixth grade")
                .containsEntry("studentAge", 12)
                .containsEntry("startDate", "2027-01-04");
        assertProblem(patch(invited().token(), id, "student", Map.of("studentAge", 9)), 404);
        assertProblem(patch(coachToken(family.coachId()), id, "student", Map.of("studentAge", 9)), 403);

        status(coachToken(family.coachId()), id, "cancelled").then().statusCode(200);
        assertProblem(patch(family.token(), id, "student", Map.of("studentAge", 13)), 409);
    }
}
