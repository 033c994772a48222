package tsa.parent.enrollment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static tsa.parent.enrollment.EnrollmentFixtures.Family;
import static tsa.parent.enrollment.EnrollmentFixtures.adminToken;
import static tsa.parent.enrollment.EnrollmentFixtures.assertProblem;
import static tsa.parent.enrollment.EnrollmentFixtures.coachToken;
import static tsa.parent.enrollment.EnrollmentFixtures.createRaw;
import static tsa.parent.enrollment.EnrollmentFixtures.enrolled;
import static tsa.parent.enrollment.EnrollmentFixtures.get;
import static tsa.parent.enrollment.EnrollmentFixtures.invited;
import static tsa.parent.enrollment.EnrollmentFixtures.patchRaw;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tsa.testsupport.RealDataStores;

/** Malformed, mistyped, incomplete and unknown input on every enrollment operation: a 4xx problem, never a 500. */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
@QuarkusTestResource(OtherServicesStub.class)
class EnrollmentBadInputTest {

    private static final List<String> MALFORMED = List.of("{", "not json", "[]", "\"text\"", "{} {}", "null");

    @Test
    void createRefusesBadBodiesNamingTheField() {
        Family family = invited();
        for (String body : MALFORMED) {
            assertProblem(createRaw(family.token(), body), 400);
        }
        Map<String, String> wrong = Map.of(
                "{\"invitationId\": 5}", "invitationId",
                "{\"studentAge\": \"11\"}", "studentAge",
                "{\"studentAge\": 2}", "studentAge",
                "{\"studentAge\": 11.5}", "studentAge",
                "{\"dateOfBirth\": \"2015-02-30\"}", "dateOfBirth",
                "{\"dateOfBirth\": \"2999-01-01\"}", "dateOfBirth",
                "{\"startDate\": \"next monday\"}", "startDate",
                "{\"gradeLevel\": \"Grade 5\"}", "gradeLevel",
                "{\"invitationId\": \"\"}", "invitationId",
                "{\"unknown\": true}", "unknown");
        wrong.forEach((body, field) -> {
            Response refused = createRaw(family.token(), body);
            assertProblem(refused, 400);
            assertThat(refused.jsonPath().getList("errors.field", String.class))
                    .as(body)
                    .contains(field);
        });
        assertProblem(createRaw(family.token(), "{\"invitationId\": \"line\\nbreak\"}"), 400);
        assertProblem(
                given().auth()
                        .oauth2(family.token())
                        .contentType("text/plain")
                        .body("x")
                        .post(EnrollmentFixtures.ENROLLMENTS),
                415);
        assertProblem(
                given().auth()
                        .oauth2(family.token())
                        .contentType("application/json")
                        .post(EnrollmentFixtures.ENROLLMENTS),
                400);
    }

    @Test
    void patchesRefuseBadBodies() {
        Family family = invited();
        String id = enrolled(family);
        String coach = coachToken(family.coachId());
        for (String body : MALFORMED) {
            assertProblem(patchRaw(coach, id, "status", body), 400);
            assertProblem(patchRaw(family.token(), id, "milestones", body), 400);
            assertProblem(patchRaw(adminToken(), id, "payment", body), 400);
            assertProblem(patchRaw(family.token(), id, "student", body), 400);
        }
        for (String body : List.of(
                "{}",
                "{\"enrollmentStatus\": null}",
                "{\"enrollmentStatus\": 1}",
                "{\"enrollmentStatus\": \"ACTIVE\"}",
                "{\"enrollmentStatus\": \"active\", \"x\": 1}")) {
            assertProblem(patchRaw(coach, id, "status", body), 400);
        }
        for (String body : List.of(
                "{}",
                "{\"progressMilestones\": []}",
                "{\"progressMilestones\": \"a\"}",
                "{\"progressMilestones\": [1]}",
                "{\"progressMilestones\": [\"\"]}",
                "{\"progressMilestones\": [\"a\", \"a\"]}",
                "{\"progressMilestones\": [null]}",
                "{\"progressMilestones\": [\"" + "x".repeat(101) + "\"]}")) {
            assertProblem(patchRaw(family.token(), id, "milestones", body), 400);
        }
        for (String body : List.of("{}", "{\"paymentStatus\": \"free\"}", "{\"paymentStatus\": true}")) {
            assertProblem(patchRaw(adminToken(), id, "payment", body), 400);
        }
        for (String body : List.of(
                "{}",
                "{\"studentAge\": 40}",
                "{\"dateOfBirth\": \"03/02/2015\"}",
                "{\"gradeLevel\": 5}",
                "{\"startDate\": \"2027-13-01\"}")) {
            assertProblem(patchRaw(family.token(), id, "student", body), 400);
        }
        Map<String, Object> unchanged = get(family.token(), id).jsonPath().getMap("$");
        assertThat(unchanged)
                .containsEntry("enrollmentStatus", "pending")
                .containsEntry("paymentStatus", "pending")
                .containsEntry("progressMilestones", List.of());
    }

    @Test
    void unknownIdsAreNotFoundEverywhere() {
        Family family = invited();
        String coach = coachToken(family.coachId());
        for (String id : List.of("no-such-enrollment", "guard%23x", "%20")) {
            assertProblem(patchRaw(coach, id, "status", "{\"enrollmentStatus\": \"active\"}"), 404);
            assertProblem(patchRaw(family.token(), id, "milestones", "{\"progressMilestones\": [\"a\"]}"), 404);
            assertProblem(patchRaw(adminToken(), id, "payment", "{\"paymentStatus\": \"paid\"}"), 404);
            assertProblem(patchRaw(family.token(), id, "student", "{\"studentAge\": 9}"), 404);
            assertProblem(
                    given().auth().oauth2(family.token()).get(EnrollmentFixtures.ENROLLMENTS + "/" + id + "/coach"),
                    404);
        }
    }
}
