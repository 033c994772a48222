package tsa.coach.invitation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static tsa.coach.invitation.ParentInvitationLifecycleTest.INVITATIONS;
import static tsa.coach.invitation.ParentInvitationLifecycleTest.invitation;
import static tsa.coach.invitation.ParentInvitationLifecycleTest.invite;
import static tsa.coach.invitation.ParentInvitationLifecycleTest.uniqueParent;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tsa.coach.onboarding.AdminServiceStub;
import tsa.coach.profile.service.CoachProfiles;
import tsa.testsupport.DataStores;
import tsa.testsupport.RealDataStores;
import tsa.testsupport.ReferenceData;
import tsa.testsupport.TestTokens;

/**
 * An admin's read of personal data in coach-service (a coach's whole profile, a school's coaches, a parent's
 * invitations, one invitation) is recorded in admin-service's audit trail as one {@code view} first (lists: the query
 * and the count, never a returned item); with the trail down it is a 503 and nothing is answered. Other callers' reads
 * are not recorded.
 */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
@QuarkusTestResource(AdminServiceStub.class)
class AdminReadsAreAuditedTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    CoachProfiles profiles;

    @Inject
    CircuitBreakerMaintenance circuits;

    private final String admin = TestTokens.admin("admin@tsa.example");

    @BeforeEach
    void schools() {
        ReferenceData.loadSchools(DataStores.shared().postgres());
    }

    @AfterEach
    void trailBack() {
        outage(false);
        circuits.resetAll();
    }

    @Test
    void anAdminsReadOfACoachsProfileIsOneViewRecordWithoutTheProfile() {
        String coachId = activeCoach();
        int before = records().size();

        Response read = given().auth().oauth2(admin).get("/api/coach/profiles/" + coachId);

        read.then().statusCode(200);
        assertThat(read.jsonPath().getString("email")).isEqualTo(coachId + "@coaches.example");
        List<Map<String, Object>> added = records().subList(before, records().size());
        assertThat(added).hasSize(1);
        Map<String, Object> record = added.get(0);
        assertThat(record)
                .containsEntry("actionType", "view")
                .containsEntry("resourceType", "coach")
                .containsEntry("resourceId", coachId)
                .containsEntry("adminEmail", "admin@tsa.example")
                .containsEntry("sessionId", jti(admin));
        assertThat(JSON.valueToTree(record).toString()).doesNotContain("@coaches.example", "Casey", "Jordan");

        // The coach's own read is not an admin's: nothing recorded.
        given().auth()
                .oauth2(TestTokens.coach(coachId + "@coaches.example", coachId, "invitation-of-" + coachId))
                .get("/api/coach/profiles/" + coachId)
                .then()
                .statusCode(200);
        assertThat(records()).hasSize(before + 1);
    }

    @Test
    void anAdminsListOfASchoolsCoachesIsOneRecordOfTheQueryAndTheCount() {
        activeCoach();
        int before = records().size();

        Response page = given().auth()
                .oauth2(admin)
                .queryParam("schoolId", ReferenceData.SCHOOL_AUSTIN)
                .queryParam("limit", 2)
                .get("/api/coach/profiles");

        page.then().statusCode(200);
        List<Map<String, Object>> added = records().subList(before, records().size());
        assertThat(added).hasSize(1);
        Map<String, Object> record = added.get(0);
        assertThat(record).containsEntry("actionType", "view").containsEntry("resourceType", "coach");
        @SuppressWarnings("unchecked")
        Map<String, Object> summary = (Map<String, Object>) record.get("afterState");
        assertThat(summary)
                .containsEntry("query", Map.of("schoolId", ReferenceData.SCHOOL_AUSTIN))
                .containsEntry("returned", page.jsonPath().getList("items").size())
                .containsEntry("more", page.jsonPath().getString("nextCursor") != null);
        assertThat(JSON.valueToTree(record).toString()).doesNotContain("@coaches.example");
    }

    @Test
    void anAdminsReadsOfParentInvitationsAreRecordedWithoutTheChildOrTheCoach() {
        String coachId = activeCoach();
        String coachToken = TestTokens.coach(coachId + "@coaches.example", coachId, "invitation-of-" + coachId);
        String parent = uniqueParent();
        String invitationId =
                invite(coachToken, invitation(parent, "Robin Quill")).jsonPath().getString("invitationId");
        int before = records().size();

        Response list =
                given().auth().oauth2(admin).queryParam("parentEmail", parent).get(INVITATIONS);
        Response one = given().auth().oauth2(admin).get(INVITATIONS + "/" + invitationId);

        list.then().statusCode(200);
        assertThat(list.jsonPath().getList("items.invitationId")).containsExactly(invitationId);
        one.then().statusCode(200);
        List<Map<String, Object>> added = records().subList(before, records().size());
        assertThat(added).hasSize(2);
        assertThat(added.get(0))
                .containsEntry("actionType", "view")
                .containsEntry("resourceType", "parent")
                .containsEntry("resourceId", parent);
        @SuppressWarnings("unchecked")
        Map<String, Object> summary = (Map<String, Object>) added.get(0).get("afterState");
        assertThat(summary).containsEntry("returned", 1).containsEntry("more", false);
        assertThat(added.get(1))
                .containsEntry("actionType", "view")
                .containsEntry("resourceType", "parent_invitation")
                .containsEntry("resourceId", invitationId);
        assertThat(JSON.valueToTree(added).toString()).doesNotContain("Robin", "Quill", coachId + "@");

        // The coach's own list is not recorded.
        given().auth().oauth2(coachToken).get(INVITATIONS).then().statusCode(200);
        assertThat(records()).hasSize(before + 2);
    }

    @Test
    void withTheAuditTrailDownAnAdminsReadIs503AndAnswersNothing() {
        String coachId = activeCoach();
        outage(true);

        Response read = given().auth().oauth2(admin).get("/api/coach/profiles/" + coachId);

        read.then().statusCode(503).contentType("application/problem+json");
        assertThat(read.asString()).doesNotContain(coachId + "@coaches.example");
        // The coach's own read does not need the trail.
        given().auth()
                .oauth2(TestTokens.coach(coachId + "@coaches.example", coachId, "invitation-of-" + coachId))
                .get("/api/coach/profiles/" + coachId)
                .then()
                .statusCode(200);
    }

    private String activeCoach() {
        String coachId = "coach-" + UUID.randomUUID();
        profiles.createFromOnboarding(
                coachId,
                coachId + "@coaches.example",
                "Casey",
                "Jordan",
                null,
                ReferenceData.SCHOOL_AUSTIN,
                List.of("basketball"),
                List.of("invite_parents"));
        return coachId;
    }

    private static String stub() {
        return ConfigProvider.getConfig().getValue(AdminServiceStub.URL_KEY, String.class);
    }

    private static List<Map<String, Object>> records() {
        String body = given().get(stub() + "/control/audit-records")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        try {
            return JSON.readValue(body, new TypeReference<List<Map<String, Object>>>() {});
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void outage(boolean on) {
        if (on) {
            given().put(stub() + "/control/outage").then().statusCode(204);
        } else {
            given().delete(stub() + "/control/outage").then().statusCode(204);
        }
    }

    private static String jti(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        try {
            return (String) JSON.readValue(payload, Map.class).get("jti");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
