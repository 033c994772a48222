package tsa.coach.profile;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static tsa.coach.profile.ProfileFixtures.AUSTIN;
import static tsa.coach.profile.ProfileFixtures.coachToken;
import static tsa.coach.profile.ProfileFixtures.edit;
import static tsa.coach.profile.ProfileFixtures.newCoachId;
import static tsa.coach.profile.ProfileFixtures.onboard;
import static tsa.coach.profile.ProfileFixtures.putMine;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tsa.coach.invitation.store.ParentInvitationStore;
import tsa.coach.profile.service.CoachProfiles;
import tsa.testsupport.DataStores;
import tsa.testsupport.Eventually;
import tsa.testsupport.RealDataStores;
import tsa.testsupport.ReferenceData;
import tsa.testsupport.TestTokens;

/**
 * A session outlives a status change (it is valid for up to an hour): an admin sets a coach {@code inactive}
 * through the internal status operation, and from the next request on that coach's still-valid session writes
 * nothing: 403 problem+json on every coach write, and the stored records stay as they were.
 */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
class InactiveCoachTest {

    static final String INVITATIONS = "/api/coach/parent-invitations";

    @Inject
    CoachProfiles profiles;

    @Inject
    ParentInvitationStore invitations;

    @BeforeEach
    void schools() {
        ReferenceData.loadSchools(DataStores.shared().postgres());
    }

    static Response invite(String token, String parent) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("parentEmail", parent, "studentName", "Sam Lopez", "sport", "basketball"))
                .post(INVITATIONS);
    }

    static void assertInactive(Response response) {
        response.then().statusCode(403).contentType("application/problem+json");
        assertThat(response.jsonPath().getString("type")).isEqualTo("urn:tsa:problem:account-inactive");
        assertThat(response.jsonPath().getString("detail")).contains("inactive");
    }

    /** The invitation's mail goes out in the background; wait (bounded) until its outcome is recorded. */
    void awaitMailRecorded(String invitationId) {
        assertThat(Eventually.nonNull(
                        () -> invitations.find(invitationId).orElseThrow().mailStatus()))
                .isEqualTo("sent");
    }

    @Test
    void aCoachMadeInactiveByAnAdminWritesNothingWithTheSessionTheyStillHold() throws Exception {
        String coachId = newCoachId();
        onboard(profiles, coachId, AUSTIN);
        String session = coachToken(coachId);
        String parent = "parent-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Response created = invite(session, parent);
        created.then().statusCode(201);
        String invitationId = created.jsonPath().getString("invitationId");
        awaitMailRecorded(invitationId);

        given().auth()
                .oauth2(TestTokens.service("admin-service"))
                .contentType(ContentType.JSON)
                .body(Map.of("profileStatus", "inactive"))
                .put("/internal/profiles/" + coachId + "/status")
                .then()
                .statusCode(200);
        long versionBefore = profiles.get(coachId).version();
        long invitationVersionBefore =
                invitations.find(invitationId).orElseThrow().version();

        assertInactive(putMine(session, "\"" + versionBefore + "\"", edit()));
        assertInactive(invite(session, "someone-" + UUID.randomUUID() + "@example.com"));
        assertInactive(given().auth().oauth2(session).post(INVITATIONS + "/" + invitationId + "/resend"));
        assertInactive(given().auth().oauth2(session).delete(INVITATIONS + "/" + invitationId));
        assertInactive(given().auth().oauth2(session).post("/api/coach/onboarding-sessions"));

        assertThat(profiles.get(coachId).version()).isEqualTo(versionBefore);
        assertThat(profiles.get(coachId).firstName()).isEqualTo("Casey");
        assertThat(invitations.find(invitationId).orElseThrow().version()).isEqualTo(invitationVersionBefore);
        assertThat(invitations.find(invitationId).orElseThrow().invitationStatus())
                .isEqualTo("sent");
        assertThat(given().auth().oauth2(session).get(INVITATIONS).jsonPath().getList("items"))
                .hasSize(1);
        // reads stay possible
        given().auth().oauth2(session).get("/api/coach/profiles/me").then().statusCode(200);

        // made active again, the same session writes again
        profiles.changeStatus(coachId, "active");
        Response edited = putMine(session, "\"" + profiles.get(coachId).version() + "\"", edit());
        edited.then().statusCode(200);
        assertThat(edited.jsonPath().getList("sportSpecialties")).isEqualTo(List.of("soccer", "swimming"));
    }
}
