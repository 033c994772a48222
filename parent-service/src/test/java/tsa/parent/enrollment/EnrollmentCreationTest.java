package tsa.parent.enrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static tsa.parent.enrollment.EnrollmentFixtures.Family;
import static tsa.parent.enrollment.EnrollmentFixtures.assertProblem;
import static tsa.parent.enrollment.EnrollmentFixtures.coach;
import static tsa.parent.enrollment.EnrollmentFixtures.create;
import static tsa.parent.enrollment.EnrollmentFixtures.get;
import static tsa.parent.enrollment.EnrollmentFixtures.invitation;
import static tsa.parent.enrollment.EnrollmentFixtures.invited;
import static tsa.parent.enrollment.EnrollmentFixtures.outage;
import static tsa.parent.enrollment.EnrollmentFixtures.setInvitationStatus;
import static tsa.parent.enrollment.EnrollmentFixtures.stubInvitation;

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
import org.junit.jupiter.api.Test;
import tsa.parent.enrollment.service.Enrollments;
import tsa.parent.enrollment.store.EnrollmentStore;
import tsa.runtime.paging.PageRequest;
import tsa.testsupport.RealDataStores;
import tsa.testsupport.TestTokens;

/** Enrolling from a parent invitation: once per invitation, however often and however concurrently it is asked. */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
@QuarkusTestResource(OtherServicesStub.class)
class EnrollmentCreationTest {

    @Inject
    EnrollmentStore store;

    @AfterEach
    void servicesBack() {
        outage("coach", false);
    }

    @Test
    void createsAPendingEnrollmentFromTheSessionsInvitationAndAcceptsIt() {
        Family family = invited();

        Response created = create(
                family.token(),
                Map.of(
                        "studentAge",
                        11,
                        "dateOfBirth",
                        "2015-03-02",
                        "gradeLevel",
                        "Fifth grade",
                        "startDate",
                        "2027-01-11"));

        created.then().statusCode(201);
        String id = created.jsonPath().getString("enrollmentId");
        assertThat(id).isEqualTo(Enrollments.enrollmentIdFor(family.invitationId()));
        assertThat(created.header("Location")).endsWith("/api/parent/enrollments/" + id);
        Map<String, Object> body = created.jsonPath().getMap("$");
        assertThat(body)
                .containsEntry("invitationId", family.invitationId())
                .containsEntry("parentEmail", family.email())
                .containsEntry("studentName", "Sam Lopez")
                .containsEntry("sport", "soccer")
                .containsEntry("coachId", family.coachId())
                .containsEntry("schoolId", "255901001")
                .containsEntry("enrollmentStatus", "pending")
                .containsEntry("paymentStatus", "pending")
                .containsEntry("studentAge", 11)
                .containsEntry("dateOfBirth", "2015-03-02")
                .containsEntry("gradeLevel", "Fifth grade")
                .containsEntry("startDate", "2027-01-11")
                .containsEntry("progressMilestones", List.of())
                .containsEntry("milestones", List.of())
                .containsKey("createdAt")
                .doesNotContainKeys("studentUniqueId", "activatedAt");

        Response invitation = stubInvitation(family.invitationId());
        assertThat(invitation.jsonPath().getString("invitationStatus")).isEqualTo("accepted");
        assertThat(invitation.jsonPath().getInt("_acceptCalls")).isEqualTo(1);
        // parent-service calls as itself, with its own service token
        assertThat(invitation.jsonPath().getString("_lastSubject")).isEqualTo("parent-service");
        assertThat(get(family.token(), id).jsonPath().getMap("$")).isEqualTo(body);
    }

    @Test
    void repeatingTheRequestAnswersTheSameEnrollmentWithoutCreatingAnother() {
        Family family = invited();
        Response first = create(family.token(), Map.of("studentAge", 9));
        first.then().statusCode(201);

        Response second = create(family.token(), Map.of("studentAge", 12));
        Response third = create(family.token(), Map.of("invitationId", family.invitationId()));

        second.then().statusCode(200);
        third.then().statusCode(200);
        assertThat(second.jsonPath().getMap("$")).isEqualTo(first.jsonPath().getMap("$"));
        assertThat(third.jsonPath().getMap("$")).isEqualTo(first.jsonPath().getMap("$"));
        assertThat(store.byParent(family.email(), PageRequest.first(10)).items())
                .hasSize(1);
        assertThat(stubInvitation(family.invitationId()).jsonPath().getInt("_acceptCalls"))
                .isEqualTo(1);
    }

    @Test
    void racingCreatesEndWithOneEnrollment() throws Exception {
        Family family = invited();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(() -> create(family.token(), Map.of()));
        }
        List<Integer> statuses = new ArrayList<>();
        List<Map<String, Object>> bodies = new ArrayList<>();
        try {
            for (Future<Response> answer : pool.invokeAll(calls)) {
                statuses.add(answer.get().statusCode());
                bodies.add(answer.get().jsonPath().getMap("$"));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(statuses).containsOnly(201, 200);
        assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
        assertThat(bodies).allSatisfy(b -> assertThat(b).isEqualTo(bodies.get(0)));
        assertThat(store.byParent(family.email(), PageRequest.first(10)).items())
                .hasSize(1);
        assertThat(store.find(Enrollments.enrollmentIdFor(family.invitationId()))
                        .orElseThrow()
                        .version())
                .isEqualTo(1L);
    }

    @Test
    void anInvitationNamedInTheBodyWorksWhenItIsAddressedToTheParent() {
        Family family = invited();
        String second = invitation(family.email(), coach(), "sent");

        Response created = create(family.token(), Map.of("invitationId", second));

        created.then().statusCode(201);
        assertThat(created.jsonPath().getString("invitationId")).isEqualTo(second);
        assertThat(created.jsonPath().getString("enrollmentId")).isEqualTo(Enrollments.enrollmentIdFor(second));
    }

    @Test
    void anotherParentsInvitationIsNotFoundAndStaysUnaccepted() {
        Family family = invited();
        Family other = invited();

        assertProblem(create(family.token(), Map.of("invitationId", other.invitationId())), 404);
        // a session whose invitation is someone else's (a forged or stale claim) gets no further
        assertProblem(create(TestTokens.parent(family.email(), other.invitationId()), Map.of()), 404);

        assertThat(stubInvitation(other.invitationId()).jsonPath().getString("invitationStatus"))
                .isEqualTo("opened");
        assertThat(store.find(Enrollments.enrollmentIdFor(other.invitationId())))
                .isEmpty();
        // and once the other parent enrolled, the enrollment still isn't theirs to see
        create(other.token(), Map.of()).then().statusCode(201);
        assertProblem(create(family.token(), Map.of("invitationId", other.invitationId())), 404);
    }

    @Test
    void unknownInvitationsAreNotFound() {
        Family family = invited();
        assertProblem(create(family.token(), Map.of("invitationId", "no-such-invitation")), 404);
        assertProblem(create(TestTokens.parent(family.email(), "no-such-invitation"), Map.of()), 404);
    }

    @Test
    void expiredAndCancelledInvitationsAreConflictsAndCreateNothing() {
        for (String status : List.of("expired", "cancelled")) {
            Family family = invited();
            setInvitationStatus(family.invitationId(), status);

            assertProblem(create(family.token(), Map.of()), 409);

            assertThat(store.find(Enrollments.enrollmentIdFor(family.invitationId())))
                    .as(status)
                    .isEmpty();
            assertThat(stubInvitation(family.invitationId()).jsonPath().getString("invitationStatus"))
                    .isEqualTo(status);
        }
    }

    @Test
    void anInvitationAcceptedBeforeACrashStillBecomesItsEnrollment() {
        Family family = invited();
        setInvitationStatus(family.invitationId(), "accepted");

        create(family.token(), Map.of()).then().statusCode(201);
    }

    @Test
    void aSessionWithoutAnInvitationMustNameOne() {
        String email = EnrollmentFixtures.unique("parent") + "@example.com";
        String token = TestTokens.user("parent", email, Map.of("parentEmail", email));

        Response refused = create(token, Map.of());

        assertProblem(refused, 400);
        assertThat(refused.jsonPath().getList("errors.field", String.class)).containsExactly("invitationId");
    }

    @Test
    void coachServiceDownIsUnavailableAndCreatesNothing() {
        Family family = invited();
        outage("coach", true);

        assertProblem(create(family.token(), Map.of()), 503);

        outage("coach", false);
        assertThat(store.find(Enrollments.enrollmentIdFor(family.invitationId())))
                .isEmpty();
        create(family.token(), Map.of()).then().statusCode(201);
    }

    @Test
    void onlyParentsEnroll() {
        Family family = invited();
        assertProblem(
                create(EnrollmentFixtures.coachToken(family.coachId()), Map.of("invitationId", family.invitationId())),
                403);
        assertProblem(create(EnrollmentFixtures.adminToken(), Map.of("invitationId", family.invitationId())), 403);
    }
}
