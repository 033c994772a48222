package tsa.parent.enrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static tsa.parent.enrollment.EnrollmentFixtures.Family;
import static tsa.parent.enrollment.EnrollmentFixtures.adminToken;
import static tsa.parent.enrollment.EnrollmentFixtures.assertProblem;
import static tsa.parent.enrollment.EnrollmentFixtures.coach;
import static tsa.parent.enrollment.EnrollmentFixtures.coachToken;
import static tsa.parent.enrollment.EnrollmentFixtures.enrolled;
import static tsa.parent.enrollment.EnrollmentFixtures.get;
import static tsa.parent.enrollment.EnrollmentFixtures.invitation;
import static tsa.parent.enrollment.EnrollmentFixtures.invited;
import static tsa.parent.enrollment.EnrollmentFixtures.list;
import static tsa.parent.enrollment.EnrollmentFixtures.outage;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tsa.testsupport.RealDataStores;
import tsa.testsupport.TestTokens;

/**
 * Who sees which enrollment: its parent, its assigned coach, admins; anyone else 404. Lists are GSI pages of the
 * caller's own (admins name a parent or a coach). Parents read their assigned coach's public profile.
 */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
@QuarkusTestResource(OtherServicesStub.class)
class EnrollmentAccessTest {

    @AfterEach
    void servicesBack() {
        outage("coach", false);
    }

    @Test
    void theParentTheAssignedCoachAndAdminsReadItOthersGetNotFound() {
        Family family = invited();
        String id = enrolled(family);

        get(family.token(), id).then().statusCode(200);
        get(coachToken(family.coachId()), id).then().statusCode(200);
        get(adminToken(), id).then().statusCode(200);

        assertProblem(get(invited().token(), id), 404);
        assertProblem(get(coachToken(coach()), id), 404);
        // a parent session of another address carrying this family's invitation id sees nothing either
        assertProblem(get(TestTokens.parent("someone@example.com", family.invitationId()), id), 404);
        assertProblem(get(family.token(), "no-such-enrollment"), 404);
        assertProblem(get(family.token(), "guard#" + id), 404);
        assertProblem(get(family.token(), "x".repeat(300)), 404);
    }

    @Test
    void parentsListTheirOwnAcrossPages() {
        Family family = invited();
        List<String> mine = new ArrayList<>(List.of(enrolled(family)));
        for (int i = 0; i < 2; i++) {
            String another = invitation(family.email(), coach(), "sent");
            mine.add(EnrollmentFixtures.create(family.token(), Map.of("invitationId", another))
                    .then()
                    .statusCode(201)
                    .extract()
                    .jsonPath()
                    .getString("enrollmentId"));
        }
        enrolled(invited());

        List<String> listed = new ArrayList<>();
        String cursor = null;
        do {
            Response page =
                    list(family.token(), cursor == null ? Map.of("limit", 2) : Map.of("limit", 2, "cursor", cursor));
            page.then().statusCode(200);
            assertThat(page.jsonPath().getList("items")).hasSizeLessThanOrEqualTo(2);
            listed.addAll(page.jsonPath().getList("items.enrollmentId"));
            cursor = page.jsonPath().getString("nextCursor");
        } while (cursor != null);
        assertThat(listed).containsExactlyInAnyOrderElementsOf(mine);
    }

    @Test
    void coachesListTheirAssignedStudentsOnly() {
        String coachId = coach();
        String first = enrolled(invited(coachId, "sent"));
        String second = enrolled(invited(coachId, "opened"));
        enrolled(invited());

        Response page = list(coachToken(coachId), Map.of());

        page.then().statusCode(200);
        assertThat(page.jsonPath().getList("items.enrollmentId")).containsExactlyInAnyOrder(first, second);
        assertThat(page.jsonPath().getString("nextCursor")).isNull();
    }

    @Test
    void adminsNameExactlyOneParentOrCoach() {
        Family family = invited();
        String id = enrolled(family);

        assertThat(list(adminToken(), Map.of("parentEmail", family.email()))
                        .jsonPath()
                        .getList("items.enrollmentId"))
                .containsExactly(id);
        assertThat(list(adminToken(), Map.of("parentEmail", family.email().toUpperCase()))
                        .jsonPath()
                        .getList("items.enrollmentId"))
                .containsExactly(id);
        assertThat(list(adminToken(), Map.of("coachId", family.coachId()))
                        .jsonPath()
                        .getList("items.enrollmentId"))
                .containsExactly(id);

        assertProblem(list(adminToken(), Map.of()), 400);
        assertProblem(list(adminToken(), Map.of("parentEmail", family.email(), "coachId", family.coachId())), 400);
        assertProblem(list(adminToken(), Map.of("parentEmail", "not-an-email")), 400);
        assertProblem(list(family.token(), Map.of("parentEmail", "other@example.com")), 400);
        assertProblem(list(coachToken(family.coachId()), Map.of("coachId", "another-coach")), 400);
    }

    @Test
    void aCursorOfAnotherListIsRefused() {
        Family family = invited();
        enrolled(family);
        String another = invitation(family.email(), coach(), "sent");
        EnrollmentFixtures.create(family.token(), Map.of("invitationId", another))
                .then()
                .statusCode(201);
        String cursor = list(family.token(), Map.of("limit", 1)).jsonPath().getString("nextCursor");
        assertThat(cursor).isNotNull();

        Response refused = list(invited().token(), Map.of("limit", 1, "cursor", cursor));

        assertProblem(refused, 400);
        assertThat(refused.jsonPath().getList("errors.field", String.class)).containsExactly("cursor");
    }

    @Test
    void theParentReadsTheAssignedCoachsPublicProfileOnly() {
        Family family = invited();
        String id = enrolled(family);

        Response coachProfile = io.restassured.RestAssured.given()
                .auth()
                .oauth2(family.token())
                .get("/api/parent/enrollments/" + id + "/coach");

        coachProfile.then().statusCode(200);
        assertThat(coachProfile.jsonPath().getMap("$"))
                .containsOnlyKeys("coachId", "firstName", "lastName", "schoolId", "sportSpecialties")
                .containsEntry("coachId", family.coachId())
                .containsEntry("schoolId", "255901001");
        io.restassured.RestAssured.given()
                .auth()
                .oauth2(adminToken())
                .get("/api/parent/enrollments/" + id + "/coach")
                .then()
                .statusCode(200);
        assertProblem(
                io.restassured.RestAssured.given()
                        .auth()
                        .oauth2(invited().token())
                        .get("/api/parent/enrollments/" + id + "/coach"),
                404);
        assertProblem(
                io.restassured.RestAssured.given()
                        .auth()
                        .oauth2(coachToken(family.coachId()))
                        .get("/api/parent/enrollments/" + id + "/coach"),
                403);
        outage("coach", true);
        assertProblem(
                io.restassured.RestAssured.given()
                        .auth()
                        .oauth2(family.token())
                        .get("/api/parent/enrollments/" + id + "/coach"),
                503);
    }
}
