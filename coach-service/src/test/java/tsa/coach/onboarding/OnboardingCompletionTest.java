package tsa.coach.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tsa.coach.onboarding.OnboardingFixtures.Invited;
import static tsa.coach.onboarding.OnboardingFixtures.adminServiceDown;
import static tsa.coach.onboarding.OnboardingFixtures.cancelOnNextAccept;
import static tsa.coach.onboarding.OnboardingFixtures.complete;
import static tsa.coach.onboarding.OnboardingFixtures.invite;
import static tsa.coach.onboarding.OnboardingFixtures.read;
import static tsa.coach.onboarding.OnboardingFixtures.save;
import static tsa.coach.onboarding.OnboardingFixtures.setInvitationStatus;
import static tsa.coach.onboarding.OnboardingFixtures.start;
import static tsa.coach.onboarding.OnboardingFixtures.stubInvitation;
import static tsa.coach.onboarding.OnboardingFixtures.walkedThrough;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tsa.coach.profile.service.CoachProfiles;
import tsa.coach.profile.store.CoachProfile;
import tsa.runtime.problem.ProblemException;
import tsa.testsupport.DataStores;
import tsa.testsupport.MovableClock;
import tsa.testsupport.RealDataStores;
import tsa.testsupport.ReferenceData;

/** Completing onboarding: one profile and an accepted invitation however often and wherever it is retried. */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
@QuarkusTestResource(AdminServiceStub.class)
class OnboardingCompletionTest {

    @Inject
    CoachProfiles profiles;

    @BeforeEach
    void schools() {
        ReferenceData.loadSchools(DataStores.shared().postgres());
    }

    @AfterEach
    void realTime() {
        MovableClock.INSTANCE.reset();
        adminServiceDown(false);
    }

    @Test
    void completingCreatesTheProfileAcceptsTheInvitationAndClosesTheSession() {
        Invited coach = invite();
        String id = walkedThrough(coach);

        Response done = complete(coach.token(), id);
        done.then().statusCode(201);
        assertThat(done.header("Location")).endsWith("/api/coach/profiles/" + coach.coachId());
        assertThat(done.header("ETag")).isEqualTo("\"1\"");
        assertThat(done.jsonPath().getString("coachId")).isEqualTo(coach.coachId());
        assertThat(done.jsonPath().getString("email")).isEqualTo(coach.email());
        assertThat(done.jsonPath().getString("firstName")).isEqualTo("Casey");
        assertThat(done.jsonPath().getString("phone")).isEqualTo("+1 512 555 0100");
        assertThat(done.jsonPath().getString("schoolId")).isEqualTo("255901044");
        assertThat(done.jsonPath().getList("sportSpecialties")).containsExactly("basketball", "track");
        assertThat(done.jsonPath().getString("profileStatus")).isEqualTo("active");

        Response invitation = stubInvitation(coach.invitationId());
        assertThat(invitation.jsonPath().getString("invitationStatus")).isEqualTo("accepted");
        assertThat(invitation.jsonPath().getList("_lastGroups")).containsExactly("service");
        // coach-service calls as itself: its own name, signed with its own key (issue 27)
        assertThat(invitation.jsonPath().getString("_lastSubject")).isEqualTo("coach-service");
        assertThat(invitation.jsonPath().getString("_lastKeyId")).isEqualTo("svc-coach-service");
        read(coach.token(), id).then().statusCode(404);
        save(coach.token(), id, "review", Map.of()).then().statusCode(404);
        start(coach.token()).then().statusCode(409).contentType("application/problem+json");

        CoachProfile stored = profiles.get(coach.coachId());
        assertThat(stored.email()).isEqualTo(coach.email());
        assertThat(stored.profileStatus()).isEqualTo("active");
    }

    @Test
    void completingTwiceEndsWithOneProfile() {
        Invited coach = invite();
        String id = walkedThrough(coach);

        Response first = complete(coach.token(), id);
        first.then().statusCode(201);
        Response second = complete(coach.token(), id);
        second.then().statusCode(200);
        assertThat(second.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(second.jsonPath().getString("coachId")).isEqualTo(coach.coachId());
        assertThat(second.jsonPath().getString("createdAt"))
                .isEqualTo(first.jsonPath().getString("createdAt"));
        assertThat(profiles.get(coach.coachId()).version()).isEqualTo(1L);
        assertThat(stubInvitation(coach.invitationId()).jsonPath().getInt("_acceptCalls"))
                .isEqualTo(1);
    }

    @Test
    void completionsRacingEachOtherEndWithOneProfile() throws Exception {
        Invited coach = invite();
        String id = walkedThrough(coach);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(() -> complete(coach.token(), id));
        }
        List<String> createdAt = new ArrayList<>();
        for (Future<Response> f : pool.invokeAll(calls)) {
            assertThat(f.get().statusCode()).as(f.get().asString()).isIn(200, 201);
            createdAt.add(f.get().jsonPath().getString("createdAt"));
        }
        pool.shutdown();
        assertThat(createdAt).containsOnly(createdAt.get(0));
        assertThat(profiles.get(coach.coachId()).version()).isEqualTo(1L);
        assertThat(stubInvitation(coach.invitationId()).jsonPath().getString("invitationStatus"))
                .isEqualTo("accepted");
    }

    @Test
    void aRetryAfterACrashBetweenStepsFinishesTheJob() {
        // crashed after creating the profile, before accepting the invitation
        Invited coach = invite();
        String id = walkedThrough(coach);
        profiles.createFromOnboarding(
                coach.coachId(),
                coach.email(),
                "Casey",
                "Jordan",
                "+1 512 555 0100",
                "255901044",
                List.of("basketball", "track"),
                List.of("invite_parents"));
        Response retried = complete(coach.token(), id);
        retried.then().statusCode(200);
        assertThat(retried.jsonPath().getString("coachId")).isEqualTo(coach.coachId());
        assertThat(stubInvitation(coach.invitationId()).jsonPath().getString("invitationStatus"))
                .isEqualTo("accepted");
        read(coach.token(), id).then().statusCode(404);

        // crashed after accepting the invitation, before closing the session
        Invited other = invite();
        String otherId = walkedThrough(other);
        profiles.createFromOnboarding(
                other.coachId(),
                other.email(),
                "Casey",
                "Jordan",
                null,
                "255901044",
                List.of("basketball"),
                List.of("invite_parents"));
        setInvitationStatus(other.invitationId(), "accepted");
        complete(other.token(), otherId).then().statusCode(200);
        read(other.token(), otherId).then().statusCode(404);
        assertThat(profiles.get(other.coachId()).profileStatus()).isEqualTo("active");
    }

    @Test
    void anInvitationCancelledBeforeTheAcceptLeavesAnInactiveProfileAndAConflict() {
        Invited coach = invite();
        String id = walkedThrough(coach);
        cancelOnNextAccept(coach.invitationId());

        complete(coach.token(), id).then().statusCode(409).contentType("application/problem+json");
        assertThat(profiles.get(coach.coachId()).profileStatus()).isEqualTo("inactive");
        assertThat(stubInvitation(coach.invitationId()).jsonPath().getString("invitationStatus"))
                .isEqualTo("cancelled");
        // trying again changes nothing: the inactive profile refuses every write of its coach
        complete(coach.token(), id).then().statusCode(403).contentType("application/problem+json");
        assertThat(profiles.get(coach.coachId()).profileStatus()).isEqualTo("inactive");
    }

    @Test
    void thePermissionsOfTheCoachInvitationReachTheProfileAndGuardParentInvitations() {
        Invited allowed = invite();
        complete(allowed.token(), walkedThrough(allowed)).then().statusCode(201);
        assertThat(profiles.get(allowed.coachId()).permissions()).containsExactly("invite_parents");
        inviteAParent(allowed.token()).then().statusCode(201);

        Invited notAllowed = invite(Map.of("permissions", List.of("view_students", "verify_documents")));
        complete(notAllowed.token(), walkedThrough(notAllowed)).then().statusCode(201);
        assertThat(profiles.get(notAllowed.coachId()).permissions())
                .containsExactly("view_students", "verify_documents");
        Response refused = inviteAParent(notAllowed.token());
        refused.then().statusCode(403).contentType("application/problem+json");
        assertThat(refused.jsonPath().getString("detail")).contains("invite_parents");
    }

    @Test
    void anInactiveCoachCanNeitherRestartOnboardingNorWriteAnything() {
        Invited coach = invite();
        complete(coach.token(), walkedThrough(coach)).then().statusCode(201);
        profiles.changeStatus(coach.coachId(), "inactive");

        Response refused = start(coach.token());
        refused.then().statusCode(403).contentType("application/problem+json");
        assertThat(refused.jsonPath().getString("type")).isEqualTo("urn:tsa:problem:account-inactive");
        inviteAParent(coach.token()).then().statusCode(403);
    }

    private static Response inviteAParent(String token) {
        return io.restassured.RestAssured.given()
                .auth()
                .oauth2(token)
                .contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of(
                        "parentEmail",
                        "parent-" + java.util.UUID.randomUUID() + "@example.com",
                        "studentName",
                        "Sam Lopez",
                        "sport",
                        "basketball"))
                .post("/api/coach/parent-invitations");
    }

    @Test
    void anInvitationClosedBeforeCompletionMakesNoProfile() {
        for (String status : List.of("cancelled", "expired")) {
            Invited coach = invite();
            String id = walkedThrough(coach);
            setInvitationStatus(coach.invitationId(), status);
            complete(coach.token(), id).then().statusCode(409);
            assertThatThrownBy(() -> profiles.get(coach.coachId()))
                    .isInstanceOfSatisfying(
                            ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
        }
    }

    @Test
    void anIncompleteFormIsRefusedWithEveryMissingField() {
        Invited coach = invite();
        Response started = start(coach.token());
        String id = started.jsonPath().getString("sessionId");

        Response refused = complete(coach.token(), id);
        refused.then().statusCode(400).contentType("application/problem+json");
        assertThat(refused.jsonPath().getList("errors.field"))
                .containsExactly(
                        "formData.termsAccepted", "formData.codeOfConductAccepted", "formData.backgroundCheckConsent");
        assertThat(stubInvitation(coach.invitationId()).jsonPath().getString("_acceptCalls"))
                .isNull();
        assertThatThrownBy(() -> profiles.get(coach.coachId())).isInstanceOf(ProblemException.class);
        read(coach.token(), id).then().statusCode(200);
    }

    @Test
    void whileAdminServiceIsDownCompletionWaitsAndThenSucceeds() {
        Invited coach = invite();
        String id = walkedThrough(coach);
        adminServiceDown(true);
        complete(coach.token(), id).then().statusCode(503).contentType("application/problem+json");
        adminServiceDown(false);
        complete(coach.token(), id).then().statusCode(201);
    }
}
