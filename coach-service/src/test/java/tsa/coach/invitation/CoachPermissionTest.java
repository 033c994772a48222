package tsa.coach.invitation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static tsa.coach.invitation.ParentInvitationLifecycleTest.INVITATIONS;
import static tsa.coach.invitation.ParentInvitationLifecycleTest.invitation;
import static tsa.coach.invitation.ParentInvitationLifecycleTest.invite;
import static tsa.coach.invitation.ParentInvitationLifecycleTest.uniqueParent;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tsa.coach.profile.service.CoachProfiles;
import tsa.coach.profile.store.CoachProfile;
import tsa.coach.profile.store.ProfileStore;
import tsa.testsupport.DataStores;
import tsa.testsupport.RealDataStores;
import tsa.testsupport.ReferenceData;
import tsa.testsupport.TestTokens;

/**
 * {@code invite_parents}, granted on the coach invitation and carried onto the profile by onboarding, is what lets a
 * coach create and resend parent invitations; without it both are 403 and nothing is written or mailed. A profile
 * written before permissions were carried over has none stored and is granted nothing.
 */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
class CoachPermissionTest {

    @Inject
    CoachProfiles profiles;

    @Inject
    ProfileStore store;

    @BeforeEach
    void schools() {
        ReferenceData.loadSchools(DataStores.shared().postgres());
    }

    /** A coach onboarded with {@code permissions}; returns their coach id. */
    String coachWith(List<String> permissions) {
        String coachId = "coach-" + UUID.randomUUID();
        profiles.createFromOnboarding(
                coachId,
                coachId + "@coaches.example",
                "Casey",
                "Jordan",
                null,
                ReferenceData.SCHOOL_AUSTIN,
                List.of("basketball"),
                permissions);
        return coachId;
    }

    static String session(String coachId) {
        return TestTokens.coach(coachId + "@coaches.example", coachId, "invitation-of-" + coachId);
    }

    static void assertForbidden(Response response) {
        response.then().statusCode(403).contentType("application/problem+json");
        assertThat(response.jsonPath().getString("detail")).contains("invite_parents");
    }

    @Test
    void aCoachWithoutInviteParentsCantInviteAndNothingIsWritten() {
        String coachId = coachWith(List.of("view_students", "manage_enrollments"));
        String parent = uniqueParent();
        assertForbidden(invite(session(coachId), invitation(parent, "Sam Lopez")));
        assertThat(given().auth()
                        .oauth2(session(coachId))
                        .get(INVITATIONS)
                        .jsonPath()
                        .getList("items"))
                .isEmpty();
        assertThat(DataStores.shared().mail().inbox(parent)).isEmpty();
    }

    @Test
    void aCoachWhoLostInviteParentsCantResend() {
        String coachId = coachWith(List.of("invite_parents"));
        String parent = uniqueParent();
        String id = invite(session(coachId), invitation(parent, "Sam Lopez"))
                .jsonPath()
                .getString("invitationId");
        CoachProfile before = store.find(coachId).orElseThrow();
        assertThat(store.replace(
                        before.toBuilder()
                                .permissions(List.of("view_students"))
                                .version(before.version() + 1)
                                .build(),
                        before.version()))
                .isTrue();

        assertForbidden(given().auth().oauth2(session(coachId)).post(INVITATIONS + "/" + id + "/resend"));
        assertThat(DataStores.shared().mail().inbox(parent)).hasSize(1);
        // cancelling takes no permission
        given().auth()
                .oauth2(session(coachId))
                .delete(INVITATIONS + "/" + id)
                .then()
                .statusCode(200);
    }

    @Test
    void aProfileFromBeforePermissionsIsGrantedNothing() {
        String coachId = coachWith(List.of("invite_parents"));
        CoachProfile before = store.find(coachId).orElseThrow();
        // as written before onboarding carried permissions: no attribute at all
        assertThat(store.replace(
                        before.toBuilder()
                                .permissions(null)
                                .version(before.version() + 1)
                                .build(),
                        before.version()))
                .isTrue();
        assertThat(store.find(coachId).orElseThrow().permissions()).isNull();

        assertForbidden(invite(session(coachId), invitation(uniqueParent(), "Sam Lopez")));
    }

    @Test
    void unknownPermissionsAreNotStored() {
        String coachId = coachWith(List.of("invite_parents", "rule_the_world", "invite_parents"));
        assertThat(store.find(coachId).orElseThrow().permissions()).containsExactly("invite_parents");
    }
}
