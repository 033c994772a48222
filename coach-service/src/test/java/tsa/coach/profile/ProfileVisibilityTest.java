package tsa.coach.profile;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static tsa.coach.profile.ProfileFixtures.AUSTIN;
import static tsa.coach.profile.ProfileFixtures.ROUND_ROCK;
import static tsa.coach.profile.ProfileFixtures.coachToken;
import static tsa.coach.profile.ProfileFixtures.newCoachId;
import static tsa.coach.profile.ProfileFixtures.onboard;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import tsa.coach.config.TableNames;
import tsa.coach.invitation.store.ParentInvitation;
import tsa.coach.profile.service.CoachProfiles;
import tsa.testsupport.DataStores;
import tsa.testsupport.RealDataStores;
import tsa.testsupport.ReferenceData;
import tsa.testsupport.TestTokens;

/** Who sees which profile, the coaches of a school page by page, and schools. */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
class ProfileVisibilityTest {

    private static final String PUBLIC_FIELDS_ONLY = "coachId, firstName, lastName, schoolId, sportSpecialties";

    private final String admin = TestTokens.admin("admin@tsa.example");

    @Inject
    CoachProfiles profiles;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    TableNames tables;

    @BeforeEach
    void schools() {
        ReferenceData.loadSchools(DataStores.shared().postgres());
    }

    @Test
    void theCoachAndAdminsSeeTheWholeProfileOtherCoachesNothing() {
        String coachId = newCoachId();
        onboard(profiles, coachId, AUSTIN);

        Map<String, Object> asSelf =
                getProfile(coachToken(coachId), coachId, 200).jsonPath().getMap("$");
        Map<String, Object> asAdmin = getProfile(admin, coachId, 200).jsonPath().getMap("$");
        assertThat(asSelf)
                .isEqualTo(asAdmin)
                .containsKeys(
                        "coachId",
                        "firstName",
                        "lastName",
                        "email",
                        "phone",
                        "schoolId",
                        "sportSpecialties",
                        "profileStatus",
                        "createdAt",
                        "updatedAt",
                        "version");

        String otherCoach = newCoachId();
        onboard(profiles, otherCoach, AUSTIN);
        getProfile(coachToken(otherCoach), coachId, 404);
        getProfile(admin, "no-such-coach-" + UUID.randomUUID(), 404);
        getProfile(admin, "x".repeat(300), 404);
    }

    @Test
    void aParentSeesThePublicPartOfTheCoachWhoInvitedThemOnly() {
        String coachId = newCoachId();
        String otherCoach = newCoachId();
        onboard(profiles, coachId, AUSTIN);
        onboard(profiles, otherCoach, ROUND_ROCK);
        String parentEmail = "parent-" + UUID.randomUUID().toString().substring(0, 8) + "@families.example";
        String parent = TestTokens.parent(parentEmail, "pinv-" + UUID.randomUUID());

        // No invitation yet: the profile does not exist for this parent.
        getProfile(parent, coachId, 404);

        invite(coachId, parentEmail, "opened");
        Map<String, Object> seen = getProfile(parent, coachId, 200).jsonPath().getMap("$");
        assertThat(seen)
                .as(PUBLIC_FIELDS_ONLY)
                .containsOnlyKeys("coachId", "firstName", "lastName", "schoolId", "sportSpecialties");
        assertThat(seen)
                .containsEntry("coachId", coachId)
                .containsEntry("firstName", "Casey")
                .containsEntry("schoolId", AUSTIN)
                .containsEntry("sportSpecialties", List.of("basketball", "track"));

        // The email in the token is compared as the session carries it, lower-cased.
        getProfile(TestTokens.parent(parentEmail.toUpperCase(), "pinv-x"), coachId, 200);
        // Another coach, who did not invite this parent, stays hidden; so do profiles that don't exist.
        getProfile(parent, otherCoach, 404);
        getProfile(parent, "no-such-coach-" + UUID.randomUUID(), 404);
        // Another parent sees nothing.
        getProfile(TestTokens.parent("someone-else@families.example", "pinv-y"), coachId, 404);
    }

    @Test
    void aCancelledInvitationLinksTheParentToNobody() {
        String coachId = newCoachId();
        onboard(profiles, coachId, AUSTIN);
        String parentEmail = "parent-" + UUID.randomUUID().toString().substring(0, 8) + "@families.example";
        invite(coachId, parentEmail, "cancelled");

        getProfile(TestTokens.parent(parentEmail, "pinv-z"), coachId, 404);

        invite(coachId, parentEmail, "accepted");
        getProfile(TestTokens.parent(parentEmail, "pinv-z"), coachId, 200);
    }

    @Test
    void adminsListTheCoachesOfASchoolPageByPage() {
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String coachId = newCoachId();
            onboard(profiles, coachId, ROUND_ROCK);
            mine.add(coachId);
        }
        String elsewhere = newCoachId();
        onboard(profiles, elsewhere, AUSTIN);

        List<String> listed = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().auth()
                    .oauth2(admin)
                    .queryParam("schoolId", ROUND_ROCK)
                    .queryParam("limit", 2);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            Response page = request.get("/api/coach/profiles");
            page.then().statusCode(200).contentType("application/json");
            List<Map<String, Object>> items = page.jsonPath().getList("items");
            assertThat(items)
                    .hasSizeLessThanOrEqualTo(2)
                    .allSatisfy(item -> assertThat(item)
                            .containsEntry("schoolId", ROUND_ROCK)
                            .containsKey("email"));
            items.forEach(item -> listed.add((String) item.get("coachId")));
            assertThat(page.jsonPath().getMap("$")).containsKey("nextCursor");
            cursor = page.jsonPath().getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 1000);

        assertThat(pages).isGreaterThanOrEqualTo(3);
        assertThat(listed).containsAll(mine).doesNotContain(elsewhere).doesNotHaveDuplicates();
        assertThat(new HashSet<>(listed)).hasSize(listed.size());
    }

    @Test
    void aSchoolWithoutCoachesGivesAnEmptyPage() {
        Response page =
                given().auth().oauth2(admin).queryParam("schoolId", "123").get("/api/coach/profiles");
        page.then().statusCode(200);
        assertThat(page.jsonPath().getList("items")).isEmpty();
        assertThat(page.jsonPath().getMap("$")).containsEntry("nextCursor", null);
    }

    @Test
    void badListRequestsAreRefusedWithProblemDetails() {
        String statusCursor = given().auth()
                .oauth2(TestTokens.service("sync-service"))
                .queryParam("status", "active")
                .queryParam("limit", 1)
                .get("/internal/profiles")
                .jsonPath()
                .getString("nextCursor");
        onboard(profiles, newCoachId(), AUSTIN);
        onboard(profiles, newCoachId(), AUSTIN);
        String austinCursor = given().auth()
                .oauth2(admin)
                .queryParam("schoolId", AUSTIN)
                .queryParam("limit", 1)
                .get("/api/coach/profiles")
                .jsonPath()
                .getString("nextCursor");
        assertThat(austinCursor).isNotNull();

        List<Map<String, Object>> queries = new ArrayList<>();
        queries.add(Map.of());
        queries.add(Map.of("schoolId", "abc"));
        queries.add(Map.of("schoolId", "12345678901"));
        queries.add(Map.of("schoolId", AUSTIN, "limit", 0));
        queries.add(Map.of("schoolId", AUSTIN, "limit", 101));
        queries.add(Map.of("schoolId", AUSTIN, "limit", "ten"));
        queries.add(Map.of("schoolId", AUSTIN, "cursor", "not-a-cursor"));
        queries.add(Map.of("schoolId", AUSTIN, "cursor", "x".repeat(2049)));
        queries.add(Map.of("schoolId", ROUND_ROCK, "cursor", austinCursor));
        if (statusCursor != null) {
            queries.add(Map.of("schoolId", AUSTIN, "cursor", statusCursor));
        }
        for (Map<String, Object> query : queries) {
            Response response = given().auth().oauth2(admin).queryParams(query).get("/api/coach/profiles");
            assertThat(response.statusCode()).as(query.toString()).isEqualTo(400);
            assertThat(response.contentType()).as(query.toString()).startsWith("application/problem+json");
        }
    }

    @Test
    void anyoneSignedInReadsASchool() {
        for (String token : List.of(admin, coachToken(newCoachId()), TestTokens.parent("p@families.example", "i"))) {
            Response school = given().auth().oauth2(token).get("/api/coach/schools/" + AUSTIN);
            school.then().statusCode(200).contentType("application/json");
            assertThat(school.jsonPath().getMap("$"))
                    .containsEntry("schoolId", AUSTIN)
                    .containsEntry("stateOrganizationId", "TX-255901001")
                    .containsEntry("nameOfInstitution", "TSA Austin Sports Academy")
                    .containsEntry("shortNameOfInstitution", "TSA Austin")
                    .containsEntry("localEducationAgencyId", 255901)
                    .containsEntry("addresses", List.of());
        }
        for (String unknown : List.of("999999999", "abc", "99999999999", "-1")) {
            given().auth()
                    .oauth2(admin)
                    .get("/api/coach/schools/" + unknown)
                    .then()
                    .statusCode(404)
                    .contentType("application/problem+json");
        }
        given().get("/api/coach/schools/" + AUSTIN).then().statusCode(401);
        given().auth()
                .oauth2(TestTokens.anyService())
                .get("/api/coach/schools/" + AUSTIN)
                .then()
                .statusCode(403);
    }

    private static Response getProfile(String token, String coachId, int expected) {
        Response response = given().auth().oauth2(token).get("/api/coach/profiles/" + coachId);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        return response;
    }

    private void invite(String coachId, String parentEmail, String status) {
        ParentInvitation invitation = ParentInvitation.builder()
                .invitationId("pinv-" + UUID.randomUUID())
                .coachId(coachId)
                .parentEmail(parentEmail.toLowerCase())
                .studentName("Sam Jordan")
                .sport("basketball")
                .invitationStatus(status)
                .magicLinkToken("0".repeat(64))
                .expiresAt("2999-01-01T00:00:00.000Z")
                .sentAt("2024-12-01T10:00:00.000Z")
                .version(1L)
                .build();
        DynamoDbEnhancedClient.builder()
                .dynamoDbClient(dynamo)
                .build()
                .table(tables.parentInvitations(), ParentInvitation.SCHEMA)
                .putItem(invitation);
    }
}
