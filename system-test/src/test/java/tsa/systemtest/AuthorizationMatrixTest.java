package tsa.systemtest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tsa.testsupport.ContractOperations;
import tsa.testsupport.LocalSystem;
import tsa.testsupport.LocalSystem.Service;
import tsa.testsupport.SigningKeys;
import tsa.testsupport.TestTokens;

/**
 * The authorization matrix (issue 17, "Authorization"): every operation of the four contracts is called as anonymous,
 * coach A, coach B, parent A, parent B, admin and service, on A's resources, and must answer exactly the expected
 * status; every 4xx is problem+json. The operations are read from the contracts, so an operation without a row fails
 * the test; adding a row is one line in {@link #ROWS}.
 *
 * <p>Expected: no token 401 ({@code /api/auth} aside); a role not in {@code x-roles} 403; an allowed role asking for
 * someone else's resource 404; the owner (or admin / service) 2xx, or the documented status where the resource's state
 * decides it (noted on the row).
 *
 * <p>The {@code service} caller is, on an internal operation, a service its {@code x-callers} names (the first), with
 * that service's own token; on any other operation, some service. Every service that an internal operation's
 * {@code x-callers} does not name is also called, and must get 403 (issue 27).
 */
class AuthorizationMatrixTest {

    enum Caller {
        ANONYMOUS,
        COACH_A,
        COACH_B,
        PARENT_A,
        PARENT_B,
        ADMIN,
        SERVICE
    }

    /**
     * The order the callers are called in: the owner last, so that a write that succeeds for its owner (cancel,
     * resend) cannot change what the others see. At most one caller of a row may succeed with a state change.
     */
    private static final List<Caller> CALL_ORDER = List.of(
            Caller.ANONYMOUS,
            Caller.COACH_B,
            Caller.PARENT_B,
            Caller.SERVICE,
            Caller.PARENT_A,
            Caller.ADMIN,
            Caller.COACH_A);

    /**
     * One row per operation, in the order they are run (state-changing rows late):
     * operationId, then anonymous, coachA, coachB, parentA, parentB, admin, service.
     */
    private static final Map<String, Map<Caller, Integer>> ROWS = new LinkedHashMap<>();

    static {
        // admin-service: sign-in is public; a bogus link token is 401 for everybody.
        row("requestMagicLink", 202, 202, 202, 202, 202, 202, 202);
        row("createSession", 401, 401, 401, 401, 401, 401, 401);
        row("createCoachInvitation", 401, 403, 403, 403, 403, 201, 403);
        row("listCoachInvitations", 401, 403, 403, 403, 403, 200, 403);
        row("getCoachInvitation", 401, 403, 403, 403, 403, 200, 403);
        row("cancelCoachInvitation", 401, 403, 403, 403, 403, 200, 403); // a fresh pending invitation
        row("resendCoachInvitation", 401, 403, 403, 403, 403, 200, 403); // a fresh pending invitation
        row("listCoaches", 401, 403, 403, 403, 403, 200, 403);
        row("listAuditLogs", 401, 403, 403, 403, 403, 200, 403);
        row("getAuditLog", 401, 403, 403, 403, 403, 200, 403);
        row("searchUsers", 401, 403, 403, 403, 403, 200, 403);
        row("addAdministrator", 401, 403, 403, 403, 403, 201, 403);
        row("setUserEnabled", 401, 403, 403, 403, 403, 200, 403); // a fresh parent row
        row("revokeAdministrator", 401, 403, 403, 403, 403, 200, 403); // a fresh administrator row
        row("getCoachInvitationForOnboarding", 401, 403, 403, 403, 403, 403, 200);
        row("acceptCoachInvitation", 401, 403, 403, 403, 403, 403, 200); // already accepted: idempotent
        row("recordAuditRecord", 401, 403, 403, 403, 403, 403, 201);
        // coach-service. "me" operations act on the caller's own profile, so coach B succeeds on its own.
        row("getMyProfile", 401, 200, 200, 403, 403, 403, 403);
        row("updateMyProfile", 401, 200, 200, 403, 403, 403, 403); // If-Match from the caller's read
        row("getProfile", 401, 200, 404, 200, 404, 200, 403);
        row("listProfilesBySchool", 401, 403, 403, 403, 403, 200, 403);
        row("getSchool", 401, 200, 200, 200, 200, 200, 403);
        row("startOnboardingSession", 401, 409, 409, 403, 403, 403, 403); // both already have a profile
        row("getOnboardingSession", 401, 404, 404, 403, 403, 403, 403); // A's is completed: 404 (documented)
        row("saveOnboardingStep", 401, 404, 404, 403, 403, 403, 403); // A's is completed: 404
        row("completeOnboarding", 401, 200, 404, 403, 403, 403, 403); // completing again: 200 (documented)
        row("createParentInvitation", 401, 201, 201, 403, 403, 403, 403);
        row("listParentInvitations", 401, 200, 200, 403, 403, 200, 403);
        row("getParentInvitation", 401, 200, 404, 200, 404, 200, 403);
        row("cancelParentInvitation", 401, 200, 404, 403, 403, 403, 403); // a fresh invitation of coach A
        row("resendParentInvitation", 401, 200, 404, 403, 403, 403, 403); // a fresh invitation of coach A
        row("exchangeParentInvitation", 401, 403, 403, 403, 403, 403, 404); // A's was accepted: no open invitation
        row("getParentInvitationInternal", 401, 403, 403, 403, 403, 403, 200);
        row("acceptParentInvitation", 401, 403, 403, 403, 403, 403, 200);
        row("listProfilesByStatus", 401, 403, 403, 403, 403, 403, 200);
        row("getProfileInternal", 401, 403, 403, 403, 403, 403, 200);
        // parent-service, on parent A's enrollment (coach A's student), its document and appointment.
        row("createEnrollment", 401, 403, 403, 200, 404, 403, 403); // created in set-up: the same one
        row("listEnrollments", 401, 200, 200, 200, 200, 400, 403); // admins must name a filter
        row("getEnrollment", 401, 200, 404, 200, 404, 200, 403);
        row("getEnrollmentCoach", 401, 403, 403, 200, 404, 200, 403);
        row("updateEnrollmentStudent", 401, 403, 403, 200, 404, 403, 403); // while pending
        row("updateEnrollmentMilestones", 401, 200, 404, 200, 404, 200, 403); // each step recorded once
        row("updateEnrollmentPayment", 401, 403, 403, 403, 403, 200, 403);
        row("createDocumentUpload", 401, 403, 403, 201, 404, 403, 403);
        row("listEnrollmentDocuments", 401, 200, 404, 200, 404, 200, 403);
        row("listParentDocuments", 401, 403, 403, 200, 200, 400, 403); // admins must name the parent
        row("getDocument", 401, 200, 404, 200, 404, 200, 403);
        row("markDocumentUploaded", 401, 403, 403, 409, 404, 403, 403); // nothing was uploaded
        row("getDocumentDownloadUrl", 401, 409, 404, 409, 404, 409, 403); // not uploaded yet
        row("verifyDocument", 401, 409, 404, 403, 403, 409, 403); // not uploaded yet
        row("bookAppointment", 401, 403, 403, 201, 404, 403, 403); // B's coach is not A's
        row("listAppointments", 401, 200, 200, 200, 200, 400, 403); // admins must name a filter
        row("updateAppointment", 401, 409, 404, 403, 404, 200, 403); // confirm: the admin's first
        row("changeEnrollmentStatus", 401, 200, 404, 403, 403, 200, 403); // -> active; again: finishes
        row("listEnrollmentsByStatus", 401, 403, 403, 403, 403, 403, 200);
        row("finishEnrollmentActivation", 401, 403, 403, 403, 403, 403, 200); // A's is active now
        row("receiveStudentChange", 401, 403, 403, 403, 403, 403, 202); // A's student, once active
        // sync-service
        row("listSyncLog", 401, 403, 403, 403, 403, 200, 403);
        row("retrySyncLogEntry", 401, 403, 403, 403, 403, 202, 403); // a fresh failed entry
        row("runReconciliation", 401, 403, 403, 403, 403, 202, 403); // a background job (or the running one)
        row("getLatestReconciliation", 401, 403, 403, 403, 403, 200, 403); // after runReconciliation
        row("getReconciliation", 401, 403, 403, 403, 403, 200, 403); // one started in set-up
        row("getSyncStatus", 401, 403, 403, 403, 403, 200, 403);
        row("getOneRosterDocument", 200, 200, 200, 200, 200, 200, 200);
        row("getEdFiDocument", 200, 200, 200, 200, 200, 200, 200);
        row("createApiClient", 401, 403, 403, 403, 403, 201, 403);
        row("listApiClients", 401, 403, 403, 403, 403, 200, 403);
        row("disableApiClient", 401, 403, 403, 403, 403, 204, 403); // a client made for it
        row("receiveProfileChange", 401, 403, 403, 403, 403, 403, 202); // a stale version of A's profile
        // Last: status changes of coach A (to the status it already has).
        row("changeCoachStatus", 401, 403, 403, 403, 403, 200, 403);
        row("changeProfileStatus", 401, 403, 403, 403, 403, 403, 200);
    }

    private static void row(
            String operationId,
            int anonymous,
            int coachA,
            int coachB,
            int parentA,
            int parentB,
            int admin,
            int service) {
        Map<Caller, Integer> expected = new EnumMap<>(Caller.class);
        expected.put(Caller.ANONYMOUS, anonymous);
        expected.put(Caller.COACH_A, coachA);
        expected.put(Caller.COACH_B, coachB);
        expected.put(Caller.PARENT_A, parentA);
        expected.put(Caller.PARENT_B, parentB);
        expected.put(Caller.ADMIN, admin);
        expected.put(Caller.SERVICE, service);
        assertThat(ROWS.put(operationId, expected))
                .as("one row for " + operationId)
                .isNull();
    }

    private static LocalSystem system;
    private static Journeys journeys;

    @BeforeAll
    static void start() {
        system = LocalSystem.start(false, "authorization-matrix-test");
        journeys = new Journeys(system);
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    /** An operation of a contract and the service that serves it. */
    private record Op(Service service, ContractOperations.Operation operation) {}

    @Test
    void everyOperationOfTheFourContractsAnswersEachCallerExactly() throws Exception {
        Map<String, Op> operations = new LinkedHashMap<>();
        for (Service service : Service.values()) {
            for (ContractOperations.Operation op :
                    ContractOperations.fromContract(ContractOperations.contract(service.moduleName))) {
                assertThat(op.operationId())
                        .as(op.signature() + " has an operationId")
                        .isNotBlank();
                operations.put(op.operationId(), new Op(service, op));
            }
        }
        // A new endpoint cannot be left out, and no row may name an operation that is gone.
        assertThat(new TreeSet<>(ROWS.keySet()))
                .as("rows of the matrix vs operations of the contracts")
                .isEqualTo(new TreeSet<>(operations.keySet()));

        // The people and A's resources.
        String admin = journeys.adminSignsIn(0);
        Onboarded onboardedA = coachOnboards(admin);
        Journeys.OnboardedCoach coachA = onboardedA.coach();
        Journeys.OnboardedCoach coachB = coachOnboards(admin).coach();
        Journeys.InvitedParent parentA = journeys.parentInvitedBy(coachA);
        Journeys.InvitedParent parentB = journeys.parentInvitedBy(coachB);
        String pendingCoachInvitation1 =
                journeys.inviteCoach(admin, unique("pending")).path("invitationId");
        String pendingCoachInvitation2 =
                journeys.inviteCoach(admin, unique("pending")).path("invitationId");
        String freshParentInvitation1 = createParentInvitation(coachA.token()).path("invitationId");
        String freshParentInvitation2 = createParentInvitation(coachA.token()).path("invitationId");
        String parentRow = insertUser("parent", unique("parent-row"));
        String adminRow = insertUser("administrator", unique("admin-row"));
        String failedSync = insertFailedSyncRow(coachA.coachId());
        String enrollmentId = given().auth()
                .oauth2(parentA.token())
                .contentType(ContentType.JSON)
                .body(Map.of("invitationId", parentA.invitationId()))
                .post(journeys.url(Service.PARENT, "/api/parent/enrollments"))
                .then()
                .statusCode(201)
                .extract()
                .path("enrollmentId");
        String documentId = given().auth()
                .oauth2(parentA.token())
                .contentType(ContentType.JSON)
                .body(documentBody())
                .post(journeys.url(Service.PARENT, "/api/parent/enrollments/" + enrollmentId + "/documents"))
                .then()
                .statusCode(201)
                .extract()
                .path("document.documentId");
        String appointmentId = given().auth()
                .oauth2(parentA.token())
                .contentType(ContentType.JSON)
                .body(appointmentBody(coachA.coachId(), "09:00", "10:00"))
                .post(journeys.url(Service.PARENT, "/api/parent/appointments"))
                .then()
                .statusCode(201)
                .extract()
                .path("appointmentId");
        String apiClientId = given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "matrix", "scopes", List.of(ROSTER_CORE)))
                .post(journeys.url(Service.SYNC, "/api/sync/api-clients"))
                .then()
                .statusCode(201)
                .extract()
                .path("clientId");
        String reconciliationId = given().auth()
                .oauth2(admin)
                .post(journeys.url(Service.SYNC, "/api/sync/reconciliations"))
                .then()
                .statusCode(202)
                .extract()
                .path("reconciliationId");
        String auditLogId = given().auth()
                .oauth2(admin)
                .queryParam("adminEmail", "admin@tsa.example")
                .queryParam("limit", 1)
                .get(journeys.url(Service.ADMIN, "/api/admin/audit-logs"))
                .path("items[0].logId");
        assertThat(auditLogId).isNotNull();

        Map<Caller, String> tokens = new EnumMap<>(Caller.class);
        tokens.put(Caller.COACH_A, coachA.token());
        tokens.put(Caller.COACH_B, coachB.token());
        tokens.put(Caller.PARENT_A, parentA.token());
        tokens.put(Caller.PARENT_B, parentB.token());
        tokens.put(Caller.ADMIN, admin);

        // Path parameters: A's ids, by name; where one name means different things, by operation.
        Map<String, String> params = new LinkedHashMap<>();
        params.put("coachId", coachA.coachId());
        params.put("sessionId", onboardedA.sessionId());
        params.put("schoolId", "255901001");
        params.put("logId", auditLogId);
        params.put("syncId", failedSync);
        params.put("enrollmentId", enrollmentId);
        params.put("documentId", documentId);
        params.put("appointmentId", appointmentId);
        params.put("clientId", apiClientId);
        params.put("reconciliationId", reconciliationId);
        Map<String, String> invitationIds = new LinkedHashMap<>();
        invitationIds.put("cancelCoachInvitation", pendingCoachInvitation1);
        invitationIds.put("resendCoachInvitation", pendingCoachInvitation2);
        invitationIds.put("cancelParentInvitation", freshParentInvitation1);
        invitationIds.put("resendParentInvitation", freshParentInvitation2);
        Map<String, String> sourcedIds = Map.of("setUserEnabled", parentRow, "revokeAdministrator", adminRow);

        // Minimal valid bodies (a fresh one per call) and required query parameters.
        Map<String, Supplier<Object>> bodies = new LinkedHashMap<>();
        bodies.put("requestMagicLink", () -> Map.of("email", unique("nobody"), "portal", "coach"));
        bodies.put(
                "createSession", () -> Map.of("token", "s." + UUID.randomUUID() + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
        bodies.put(
                "createCoachInvitation",
                () -> Map.of(
                        "coachEmail",
                        unique("invited"),
                        "firstName",
                        "Casey",
                        "lastName",
                        "Jordan",
                        "schoolId",
                        "255901001",
                        "sport",
                        "basketball",
                        "permissions",
                        List.of()));
        bodies.put("addAdministrator", () -> Map.of("email", unique("added-admin")));
        bodies.put("setUserEnabled", () -> Map.of("enabledUser", false));
        bodies.put(
                "recordAuditRecord",
                () -> Map.of(
                        "logId",
                        UUID.randomUUID().toString(),
                        "adminEmail",
                        "admin@tsa.example",
                        "actionType",
                        "view",
                        "resourceType",
                        "coach",
                        "actionDescription",
                        "authorization matrix",
                        "sessionId",
                        UUID.randomUUID().toString()));
        bodies.put("changeCoachStatus", () -> Map.of("profileStatus", "active", "reason", "authorization matrix"));
        bodies.put(
                "updateMyProfile",
                () -> Map.of(
                        "firstName",
                        "Casey",
                        "lastName",
                        "Jordan",
                        "schoolId",
                        "255901001",
                        "sportSpecialties",
                        List.of("basketball")));
        bodies.put(
                "saveOnboardingStep",
                () -> Map.of(
                        "onboardingStep",
                        "personal_info",
                        "formData",
                        Map.of("firstName", "Casey", "lastName", "Jordan")));
        bodies.put("createParentInvitation", () -> parentInvitationBody(unique("parent")));
        bodies.put("exchangeParentInvitation", () -> Map.of("token", parentA.linkToken()));
        bodies.put("changeProfileStatus", () -> Map.of("profileStatus", "active", "reason", "authorization matrix"));
        bodies.put(
                "receiveProfileChange",
                () -> Map.of(
                        "changeType",
                        "update",
                        "coachId",
                        coachA.coachId(),
                        "version",
                        1,
                        "firstName",
                        "Casey",
                        "lastName",
                        "Jordan",
                        "schoolId",
                        "255901001",
                        "profileStatus",
                        "active"));
        bodies.put("createEnrollment", () -> Map.of("invitationId", parentA.invitationId()));
        bodies.put("updateEnrollmentStudent", () -> Map.of("studentAge", 12));
        bodies.put("updateEnrollmentMilestones", () -> Map.of("progressMilestones", List.of("orientation")));
        bodies.put("updateEnrollmentPayment", () -> Map.of("paymentStatus", "paid"));
        bodies.put("changeEnrollmentStatus", () -> Map.of("enrollmentStatus", "active"));
        bodies.put("createDocumentUpload", AuthorizationMatrixTest::documentBody);
        bodies.put("verifyDocument", () -> Map.of("verificationStatus", "approved"));
        bodies.put("bookAppointment", () -> appointmentBody(coachA.coachId(), "13:00", "14:00"));
        bodies.put("updateAppointment", () -> Map.of("status", "confirmed"));
        bodies.put(
                "receiveStudentChange",
                () -> Map.of(
                        "studentUniqueId",
                        given().auth()
                                .oauth2(admin)
                                .get(journeys.url(Service.PARENT, "/api/parent/enrollments/" + enrollmentId))
                                .path("studentUniqueId")));
        bodies.put("createApiClient", () -> Map.of("name", "matrix", "scopes", List.of(ROSTER_CORE)));
        Map<String, Map<String, Object>> queries = Map.of(
                "listCoachInvitations", Map.of("status", "sent"),
                "listCoaches", Map.of("status", "active"),
                "listAuditLogs", Map.of("adminEmail", "admin@tsa.example"),
                "searchUsers", Map.of("email", parentA.email()),
                "listParentInvitations", Map.of("parentEmail", parentA.email()),
                "listProfilesBySchool", Map.of("schoolId", "255901001"),
                "listProfilesByStatus", Map.of("status", "active"),
                "listEnrollmentsByStatus", Map.of("enrollmentStatus", "active"));
        // Per caller: updateMyProfile needs the ETag of the caller's own last read.
        Map<String, BiFunction<Caller, RequestSpecification, RequestSpecification>> perCaller =
                Map.of("updateMyProfile", (caller, request) -> {
                    String token = tokens.get(caller);
                    if (token == null) {
                        return request;
                    }
                    String etag = given().auth()
                            .oauth2(token)
                            .get(journeys.url(Service.COACH, "/api/coach/profiles/me"))
                            .header("ETag");
                    return etag == null ? request : request.header("If-Match", etag);
                });

        List<String> failures = new ArrayList<>();
        int calls = 0;
        int wrongServiceCalls = 0;
        for (Map.Entry<String, Map<Caller, Integer>> row : ROWS.entrySet()) {
            String operationId = row.getKey();
            Op op = operations.get(operationId);
            String path = op.operation().path();
            for (Map.Entry<String, String> param : params.entrySet()) {
                path = path.replace("{" + param.getKey() + "}", param.getValue());
            }
            String invitationId = invitationIds.getOrDefault(
                    operationId, op.service() == Service.ADMIN ? coachA.invitationId() : parentA.invitationId());
            path = path.replace("{invitationId}", invitationId)
                    .replace("{sourcedId}", sourcedIds.getOrDefault(operationId, parentRow));
            assertThat(path)
                    .as(operationId + ": every path parameter is filled")
                    .doesNotContain("{");

            // Services the operation does not name first: a 403 changes nothing.
            for (String other : SigningKeys.SERVICES) {
                if (op.operation().callers().isEmpty()
                        || op.operation().callers().contains(other)) {
                    continue;
                }
                RequestSpecification request = given().auth().oauth2(serviceToken(other));
                if (op.operation().hasBody()) {
                    Supplier<Object> body = bodies.get(operationId);
                    request = request.contentType(ContentType.JSON).body(body == null ? Map.of() : body.get());
                }
                for (Map.Entry<String, Object> query :
                        queries.getOrDefault(operationId, Map.of()).entrySet()) {
                    request = request.queryParam(query.getKey(), query.getValue());
                }
                Response response = request.request(op.operation().method(), journeys.url(op.service(), path));
                wrongServiceCalls++;
                String where = operationId + " (" + op.operation().method() + " " + path + ") as " + other;
                if (response.statusCode() != 403) {
                    failures.add(where + ": expected 403, got " + response.statusCode() + " "
                            + abbreviate(response.asString()));
                } else if (!String.valueOf(response.contentType()).startsWith("application/problem+json")) {
                    failures.add(where + ": 403 is not problem+json but " + response.contentType());
                }
            }

            for (Caller caller : CALL_ORDER) {
                RequestSpecification request = given();
                String token = caller == Caller.SERVICE ? serviceTokenFor(op.operation()) : tokens.get(caller);
                if (token != null) {
                    request = request.auth().oauth2(token);
                }
                if (op.operation().hasBody()) {
                    Supplier<Object> body = bodies.get(operationId);
                    request = request.contentType(ContentType.JSON).body(body == null ? Map.of() : body.get());
                }
                for (Map.Entry<String, Object> query :
                        queries.getOrDefault(operationId, Map.of()).entrySet()) {
                    request = request.queryParam(query.getKey(), query.getValue());
                }
                if (perCaller.containsKey(operationId)) {
                    request = perCaller.get(operationId).apply(caller, request);
                }
                Response response = request.request(op.operation().method(), journeys.url(op.service(), path));
                calls++;
                int expected = row.getValue().get(caller);
                int actual = response.statusCode();
                String where = operationId + " (" + op.operation().method() + " " + path + ") as " + caller;
                if (actual != expected) {
                    failures.add(where + ": expected " + expected + ", got " + actual + " "
                            + abbreviate(response.asString()));
                } else if (actual >= 400
                        && actual < 500
                        && !String.valueOf(response.contentType()).startsWith("application/problem+json")) {
                    failures.add(where + ": " + actual + " is not problem+json but " + response.contentType());
                }
            }
        }
        assertThat(failures)
                .as("authorization matrix mismatches (" + calls + " calls)")
                .isEmpty();
        assertThat(calls).isEqualTo(ROWS.size() * Caller.values().length);
        // Ten internal operations, each open to one to three of the four services.
        assertThat(wrongServiceCalls)
                .isEqualTo(operations.values().stream()
                        .map(Op::operation)
                        .filter(o -> !o.callers().isEmpty())
                        .mapToInt(o -> SigningKeys.SERVICES.size() - o.callers().size())
                        .sum())
                .isPositive();
    }

    /** A coach who finished onboarding, and the id of that onboarding session. */
    private record Onboarded(Journeys.OnboardedCoach coach, String sessionId) {}

    /** As {@link Journeys#coachOnboards}, keeping the onboarding session's id. */
    private static Onboarded coachOnboards(String admin) {
        String email = unique("coach");
        Response invitation = journeys.inviteCoach(admin, email);
        invitation.then().statusCode(201);
        String coach = journeys.session(journeys.lastLinkTo(email, 1))
                .then()
                .statusCode(200)
                .extract()
                .path("accessToken");
        Response started =
                given().auth().oauth2(coach).post(journeys.url(Service.COACH, "/api/coach/onboarding-sessions"));
        assertThat(started.statusCode()).isIn(200, 201);
        String sessionId = started.path("sessionId");
        journeys.save(coach, sessionId, "personal_info", Map.of("firstName", "Casey", "lastName", "Jordan"));
        journeys.save(coach, sessionId, "school", Map.of("schoolId", "255901001"));
        journeys.save(coach, sessionId, "sports", Map.of("sportSpecialties", List.of("basketball")));
        journeys.save(
                coach,
                sessionId,
                "agreements",
                Map.of("termsAccepted", true, "codeOfConductAccepted", true, "backgroundCheckConsent", true));
        journeys.save(coach, sessionId, "review", Map.of());
        Response profile = given().auth()
                .oauth2(coach)
                .post(journeys.url(Service.COACH, "/api/coach/onboarding-sessions/" + sessionId + "/complete"));
        assertThat(profile.statusCode()).as(profile.asString()).isIn(200, 201);
        return new Onboarded(
                new Journeys.OnboardedCoach(email, invitation.path("coachId"), invitation.path("invitationId"), coach),
                sessionId);
    }

    private static Response createParentInvitation(String coach) {
        Response invitation = journeys.inviteParent(coach, unique("parent"));
        invitation.then().statusCode(201);
        return invitation;
    }

    private static final String ROSTER_CORE = "https://purl.imsglobal.org/spec/or/v1p2/scope/roster-core.readonly";

    private static Map<String, Object> documentBody() {
        return Map.of(
                "documentType",
                "medical",
                "fileName",
                "physical.pdf",
                "fileSize",
                1024,
                "contentType",
                "application/pdf");
    }

    private static Map<String, Object> appointmentBody(String coachId, String start, String end) {
        return Map.of(
                "coachId",
                coachId,
                "studentName",
                "Sam Jordan",
                "appointmentType",
                "shadow_day",
                "scheduledDate",
                java.time.LocalDate.now().plusDays(10).toString(),
                "startTime",
                start,
                "endTime",
                end);
    }

    private static Map<String, Object> parentInvitationBody(String parentEmail) {
        return Map.of("parentEmail", parentEmail, "studentName", "Sam Jordan", "sport", "basketball");
    }

    /**
     * The {@code service} caller of an operation: on an internal one, the first service its {@code x-callers} names;
     * elsewhere, any service (admin-service).
     */
    private static String serviceTokenFor(ContractOperations.Operation op) {
        return serviceToken(
                op.callers().isEmpty() ? "admin-service" : op.callers().get(0));
    }

    /** A service's own token, signed with its key of this system, as the services mint them for each other. */
    private static String serviceToken(String service) {
        return TestTokens.service(system.keys(), service);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static String insertUser(String role, String email) throws Exception {
        String id = UUID.randomUUID().toString();
        try (Connection c = system.stores().postgres().connect("coach_portal");
                PreparedStatement s = c.prepareStatement(
                        "insert into users (sourced_id, role, email, enabled_user) values (?, ?, ?, true)")) {
            s.setString(1, id);
            s.setString(2, role);
            s.setString(3, email);
            s.executeUpdate();
        }
        return id;
    }

    private static String insertFailedSyncRow(String coachId) throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection c = system.stores().postgres().connect("coach_portal");
                PreparedStatement s = c.prepareStatement(
                        "insert into profile_sync_log (sync_id, profile_id, sync_type,"
                                + " sync_status, sync_data, error_message) values (?, ?, 'update', 'failed', '{}'::jsonb, 'test')")) {
            s.setObject(1, id);
            s.setString(2, coachId);
            s.executeUpdate();
        }
        return id.toString();
    }
}
