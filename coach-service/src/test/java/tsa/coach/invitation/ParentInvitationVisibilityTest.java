package tsa.coach.invitation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static tsa.coach.invitation.ParentInvitationLifecycleTest.INTERNAL;
import static tsa.coach.invitation.ParentInvitationLifecycleTest.INVITATIONS;
import static tsa.coach.invitation.ParentInvitationLifecycleTest.invitation;
import static tsa.coach.invitation.ParentInvitationLifecycleTest.invite;
import static tsa.coach.invitation.ParentInvitationLifecycleTest.uniqueParent;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tsa.coach.profile.service.CoachProfiles;
import tsa.testsupport.DataStores;
import tsa.testsupport.RealDataStores;
import tsa.testsupport.ReferenceData;
import tsa.testsupport.TestTokens;

/** Who sees which parent invitation, and lists that page through a coach's or a parent's invitations. */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
class ParentInvitationVisibilityTest {

    @Inject
    CoachProfiles profiles;

    private final String admin = TestTokens.admin("admin@tsa.example");

    @BeforeEach
    void schools() {
        ReferenceData.loadSchools(DataStores.shared().postgres());
    }

    record Coach(String coachId, String token) {}

    Coach activeCoach() {
        String coachId = "coach-" + UUID.randomUUID();
        String email = coachId + "@coaches.example";
        profiles.createFromOnboarding(
                coachId,
                email,
                "Casey",
                "Jordan",
                null,
                ReferenceData.SCHOOL_AUSTIN,
                List.of("basketball"),
                List.of("invite_parents"));
        return new Coach(coachId, TestTokens.coach(email, coachId, "invitation-of-" + coachId));
    }

    @Test
    void theInvitingCoachTheInvitedParentAndAdminsSeeAnInvitationAndNobodyElse() {
        Coach coachA = activeCoach();
        Coach coachB = activeCoach();
        String parentA = uniqueParent();
        String id = invite(coachA.token(), invitation(parentA, "Sam Lopez"))
                .jsonPath()
                .getString("invitationId");

        for (String allowed : List.of(
                coachA.token(),
                TestTokens.parent(parentA, id),
                TestTokens.parent(parentA.toUpperCase(), "another-invitation"),
                admin)) {
            Response seen = given().auth().oauth2(allowed).get(INVITATIONS + "/" + id);
            seen.then().statusCode(200);
            assertThat(seen.jsonPath().getString("coachId")).isEqualTo(coachA.coachId());
        }
        for (String other : List.of(coachB.token(), TestTokens.parent(uniqueParent(), id))) {
            given().auth()
                    .oauth2(other)
                    .get(INVITATIONS + "/" + id)
                    .then()
                    .statusCode(404)
                    .contentType("application/problem+json");
        }
        given().auth()
                .oauth2(coachB.token())
                .delete(INVITATIONS + "/" + id)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(coachB.token())
                .post(INVITATIONS + "/" + id + "/resend")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(coachA.token())
                .get(INVITATIONS + "/no-such-invitation")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(coachA.token())
                .pathParam("id", "guard#parent-invitation#x")
                .get(INVITATIONS + "/{id}")
                .then()
                .statusCode(404);
        assertThat(given().auth()
                        .oauth2(coachA.token())
                        .get(INVITATIONS + "/" + id)
                        .jsonPath()
                        .getString("invitationStatus"))
                .isEqualTo("sent");

        // roles the operations do not name
        given().auth()
                .oauth2(TestTokens.parent(parentA, id))
                .delete(INVITATIONS + "/" + id)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(TestTokens.parent(parentA, id))
                .get(INVITATIONS)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(invitation(parentA, "Kim"))
                .post(INVITATIONS)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(coachA.token())
                .post(INTERNAL + "/" + id + "/accept")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(TestTokens.anyService())
                .get(INVITATIONS + "/" + id)
                .then()
                .statusCode(403);
        given().get(INVITATIONS + "/" + id).then().statusCode(401);
    }

    @Test
    void coachesListTheirOwnAndAdminsListAParentsAcrossCoaches() {
        Coach coachA = activeCoach();
        Coach coachB = activeCoach();
        String parent = uniqueParent();
        List<String> mine = new ArrayList<>();
        for (String student : List.of("Sam Lopez", "Alex Lopez", "Kim Lopez")) {
            mine.add(invite(coachA.token(), invitation(parent, student))
                    .jsonPath()
                    .getString("invitationId"));
        }
        String elsewhere = invite(coachA.token(), invitation(uniqueParent(), "Jo Smith"))
                .jsonPath()
                .getString("invitationId");
        String fromB = invite(coachB.token(), invitation(parent, "Sam Lopez"))
                .jsonPath()
                .getString("invitationId");

        List<String> all = pageThrough(coachA.token(), null, 2);
        assertThat(all).containsExactlyInAnyOrder(mine.get(0), mine.get(1), mine.get(2), elsewhere);
        assertThat(pageThrough(coachA.token(), parent.toUpperCase(), 2)).containsExactlyInAnyOrderElementsOf(mine);
        assertThat(pageThrough(coachB.token(), null, 2)).containsExactly(fromB);

        List<String> forParent = pageThrough(admin, parent, 2);
        assertThat(forParent).containsExactlyInAnyOrder(mine.get(0), mine.get(1), mine.get(2), fromB);

        // a cursor belongs to the list that handed it out
        String cursor = given().auth()
                .oauth2(coachA.token())
                .queryParam("limit", 1)
                .get(INVITATIONS)
                .jsonPath()
                .getString("nextCursor");
        assertThat(cursor).isNotNull();
        given().auth()
                .oauth2(coachB.token())
                .queryParam("cursor", cursor)
                .get(INVITATIONS)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(admin)
                .queryParam("parentEmail", parent)
                .queryParam("cursor", cursor)
                .get(INVITATIONS)
                .then()
                .statusCode(400);

        // a coach with no invitations gets an empty page
        Response empty = given().auth().oauth2(activeCoach().token()).get(INVITATIONS);
        empty.then().statusCode(200);
        assertThat(empty.jsonPath().getList("items")).isEmpty();
        assertThat(empty.jsonPath().getString("nextCursor")).isNull();
        assertThat(empty.asString()).contains("\"nextCursor\":null");
    }

    private static List<String> pageThrough(String token, String parentEmail, int limit) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(token).queryParam("limit", limit);
            if (parentEmail != null) {
                request = request.queryParam("parentEmail", parentEmail);
            }
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            Response page = request.get(INVITATIONS);
            page.then().statusCode(200);
            assertThat(page.jsonPath().getList("items").size()).isLessThanOrEqualTo(limit);
            seen.addAll(page.jsonPath().getList("items.invitationId"));
            cursor = page.jsonPath().getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 20);
        assertThat(seen).doesNotHaveDuplicates();
        return seen;
    }
}
