package tsa.admin.user;

import static org.assertj.core.api.Assertions.assertThat;
import static tsa.admin.user.UserApi.DEFAULT_ADMIN;
import static tsa.admin.user.UserApi.actingAdmin;
import static tsa.admin.user.UserApi.addAdministrator;
import static tsa.admin.user.UserApi.as;
import static tsa.admin.user.UserApi.assertProblem;
import static tsa.admin.user.UserApi.auditRecordsOf;
import static tsa.admin.user.UserApi.insertRow;
import static tsa.admin.user.UserApi.revoke;
import static tsa.admin.user.UserApi.row;
import static tsa.admin.user.UserApi.search;
import static tsa.admin.user.UserApi.searchAll;
import static tsa.admin.user.UserApi.setEnabled;
import static tsa.admin.user.UserApi.unique;
import static tsa.admin.user.UserApi.uniqueId;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import tsa.admin.user.service.UserRows;
import tsa.model.User;
import tsa.testsupport.RealDataStores;
import tsa.testsupport.TestTokens;

/**
 * The users directory over HTTP (issue 14, "Coaches and users"): search by email and by role and organisation with
 * cursor paging, adding and revoking administrators, enabling and disabling administrator and parent rows, each
 * change audited with before and after state (read back through {@code GET /api/admin/audit-logs}).
 */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
class UserDirectoryTest {

    @Inject
    EntityManager em;

    // --- access -------------------------------------------------------------------------------------------------

    @Test
    void everyOperationRefusesAnonymousCallersAndEveryRoleButAdmin() {
        String target = insertRow("parent", unique("parent"));
        List<Function<String, Response>> operations = List.of(
                token -> as(token).queryParam("email", "someone@tsa.example").get("/api/admin/users"),
                token -> as(token)
                        .contentType("application/json")
                        .body("{\"email\":\"" + unique("x") + "\"}")
                        .post("/api/admin/users"),
                token -> as(token)
                        .contentType("application/json")
                        .body("{\"enabledUser\":false}")
                        .patch("/api/admin/users/" + target),
                token -> as(token).delete("/api/admin/users/" + target + "/administrator"));
        for (Function<String, Response> operation : operations) {
            assertProblem(operation.apply(null), 401);
            assertProblem(operation.apply(TestTokens.coach(unique("coach"), "coach-1", "inv-1")), 403);
            assertProblem(operation.apply(TestTokens.parent(unique("parent"), "inv-2")), 403);
            assertProblem(operation.apply(TestTokens.anyService()), 403);
            assertProblem(operation.apply(TestTokens.adminExpired(DEFAULT_ADMIN)), 401);
        }
        assertThat(row(target).enabledUser).isTrue();
        // A malformed body from an anonymous caller is still a 401: security comes before the body.
        assertProblem(as(null).contentType("application/json").body("{not json").post("/api/admin/users"), 401);
    }

    // --- adding administrators ----------------------------------------------------------------------------------

    @Test
    void anAdminAddsAnAdministratorWithTheLowerCasedAddressAsUsername() {
        String admin = actingAdmin();
        String email = unique("New-Admin");
        Response response = addAdministrator(
                admin, "{\"email\":\"" + email.toUpperCase() + "\",\"givenName\":\"Ada\",\"familyName\":\"Lovelace\"}");

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
        Map<String, Object> created = response.jsonPath().getMap("");
        String sourcedId = (String) created.get("sourcedId");
        assertThat(sourcedId).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(response.header("Location")).endsWith("/api/admin/users/" + sourcedId);
        assertThat(created)
                .containsEntry("role", "administrator")
                .containsEntry("status", "active")
                .containsEntry("enabledUser", true)
                .containsEntry("email", email.toLowerCase())
                .containsEntry("username", email.toLowerCase())
                .containsEntry("givenName", "Ada")
                .containsEntry("familyName", "Lovelace")
                .containsKeys("dateLastModified", "createdAt", "updatedAt");
        assertThat((String) created.get("updatedAt")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");

        User stored = row(sourcedId);
        assertThat(stored.role).isEqualTo("administrator");
        assertThat(stored.email).isEqualTo(email.toLowerCase());
        assertThat(stored.enabledUser).isTrue();

        List<Map<String, Object>> audit = auditRecordsOf(admin);
        assertThat(audit).hasSize(1);
        Map<String, Object> record = audit.get(0);
        assertThat(record)
                .containsEntry("actionType", "create")
                .containsEntry("resourceType", "user")
                .containsEntry("resourceId", sourcedId)
                .containsEntry("adminEmail", admin)
                .doesNotContainKey("outcome")
                .doesNotContainKey("beforeState")
                .containsKey("sessionId");
        assertThat(state(record, "afterState"))
                .containsEntry("email", email.toLowerCase())
                .containsEntry("role", "administrator")
                .containsEntry("status", "active")
                .containsEntry("enabledUser", true)
                .containsEntry("sourcedId", sourcedId);
    }

    @Test
    void addingAnAddressThatIsAlreadyAnActiveAdministratorIs409() {
        String admin = actingAdmin();
        String email = unique("twice");
        assertThat(addAdministrator(admin, "{\"email\":\"" + email + "\"}").statusCode())
                .isEqualTo(201);

        assertProblem(addAdministrator(admin, "{\"email\":\"" + email.toUpperCase() + "\"}"), 409);
        assertProblem(addAdministrator(admin, "{\"email\":\"" + DEFAULT_ADMIN + "\"}"), 409);
        assertThat(searchAll(Map.of("email", email), 10)).hasSize(1);
        assertThat(auditRecordsOf(admin)).hasSize(1);
    }

    @Test
    void theUsernameStaysWithTheAddresssFirstRow() {
        String email = unique("parent-and-admin");
        String parentRow = insertRow("parent", email, email, null, null);

        Response response = addAdministrator(actingAdmin(), "{\"email\":\"" + email + "\"}");

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
        assertThat(response.jsonPath().getMap(""))
                .containsEntry("username", null)
                .containsEntry("email", email);
        List<Map<String, Object>> rows = searchAll(Map.of("email", email), 10);
        assertThat(rows).extracting(r -> r.get("role")).containsExactlyInAnyOrder("parent", "administrator");
        assertThat(rows)
                .filteredOn(r -> parentRow.equals(r.get("sourcedId")))
                .extracting(r -> r.get("username"))
                .containsExactly(email);
    }

    @Test
    void parallelRequestsToAddOneAddressCreateOneRow() throws Exception {
        String admin = actingAdmin();
        String email = unique("raced");
        int requests = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                statuses.add(pool.submit(() -> {
                    start.await();
                    return addAdministrator(admin, "{\"email\":\"" + email + "\"}")
                            .statusCode();
                }));
            }
            start.countDown();
            List<Integer> answers = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                answers.add(status.get());
            }
            assertThat(answers).containsOnly(201, 409).filteredOn(s -> s == 201).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(searchAll(Map.of("email", email), 10)).hasSize(1);

        // A request that passed the first check but lost inside the transaction recorded its action, then its
        // failure, pointing at that record; one recorded action succeeded.
        List<Map<String, Object>> audit = auditRecordsOf(admin);
        List<Map<String, Object>> failures =
                audit.stream().filter(r -> "failed".equals(r.get("outcome"))).toList();
        List<Object> actions = audit.stream()
                .filter(r -> !r.containsKey("outcome"))
                .map(r -> r.get("logId"))
                .toList();
        assertThat(actions).hasSize(failures.size() + 1);
        assertThat(failures)
                .extracting(r -> r.get("relatedLogId"))
                .isSubsetOf(actions)
                .doesNotHaveDuplicates();
    }

    // --- revoking administrators --------------------------------------------------------------------------------

    @Test
    void aRevokedAdministratorIsKeptDisabledAndAddingTheAddressAgainRestoresTheRow() {
        String admin = actingAdmin();
        String email = unique("revoked");
        String sourcedId = addAdministrator(admin, "{\"email\":\"" + email + "\",\"givenName\":\"Rev\"}")
                .jsonPath()
                .getString("sourcedId");

        Response revoked = revoke(admin, sourcedId);
        assertThat(revoked.statusCode()).as(revoked.asString()).isEqualTo(200);
        assertThat(revoked.jsonPath().getMap(""))
                .containsEntry("sourcedId", sourcedId)
                .containsEntry("status", "tobedeleted")
                .containsEntry("enabledUser", false)
                .containsEntry("role", "administrator");
        User stored = row(sourcedId);
        assertThat(stored.status).isEqualTo("tobedeleted");
        assertThat(stored.enabledUser).isFalse();

        Response again = revoke(admin, sourcedId);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.jsonPath().getMap(""))
                .containsEntry("status", "tobedeleted")
                .containsEntry("enabledUser", false);

        // A revoked row can't be enabled through PATCH: it is restored by adding the address again.
        assertProblem(setEnabled(admin, sourcedId, "{\"enabledUser\":true}"), 409);
        Response restored = addAdministrator(admin, "{\"email\":\"" + email + "\",\"familyName\":\"Back\"}");
        assertThat(restored.statusCode()).as(restored.asString()).isEqualTo(200);
        assertThat(restored.jsonPath().getMap(""))
                .containsEntry("sourcedId", sourcedId)
                .containsEntry("status", "active")
                .containsEntry("enabledUser", true)
                .containsEntry("givenName", "Rev")
                .containsEntry("familyName", "Back");
        assertThat(searchAll(Map.of("email", email), 10)).hasSize(1);

        List<Map<String, Object>> audit = auditRecordsOf(admin);
        assertThat(audit).extracting(r -> r.get("actionType")).containsExactly("create", "delete", "delete", "create");
        Map<String, Object> revocation = audit.get(2);
        assertThat(revocation).containsEntry("resourceType", "user").containsEntry("resourceId", sourcedId);
        assertThat(state(revocation, "beforeState"))
                .containsEntry("status", "active")
                .containsEntry("enabledUser", true);
        assertThat(state(revocation, "afterState"))
                .containsEntry("status", "tobedeleted")
                .containsEntry("enabledUser", false);
        Map<String, Object> restoration = audit.get(0);
        assertThat(restoration).containsEntry("resourceId", sourcedId);
        assertThat(state(restoration, "beforeState")).containsEntry("status", "tobedeleted");
        assertThat(state(restoration, "afterState"))
                .containsEntry("status", "active")
                .containsEntry("enabledUser", true)
                .containsEntry("familyName", "Back");
    }

    @Test
    void anAdminCannotRevokeThemselfNorRevokeARowThatIsNotAnAdministratorRow() {
        String self = unique("self-revoker");
        String selfRow = addAdministrator(DEFAULT_ADMIN, "{\"email\":\"" + self + "\"}")
                .jsonPath()
                .getString("sourcedId");
        String parentRow = insertRow("parent", unique("parent"));
        String coachRow = insertRow("teacher", unique("coach"));

        assertProblem(revoke(self, selfRow), 409);
        assertProblem(revoke(self.toUpperCase(), selfRow), 409);
        assertProblem(revoke(self, parentRow), 409);
        assertProblem(revoke(self, coachRow), 409);
        assertProblem(revoke(self, uniqueId("no-such-row")), 404);

        assertThat(row(selfRow).status).isEqualTo("active");
        assertThat(row(parentRow).status).isEqualTo("active");
        assertThat(auditRecordsOf(self)).isEmpty();
    }

    // --- enabling and disabling ---------------------------------------------------------------------------------

    @Test
    void anAdminDisablesAndEnablesParentGuardianAndAdministratorRows() {
        String admin = actingAdmin();
        for (String role : List.of("parent", "guardian")) {
            String sourcedId = insertRow(role, unique(role));
            Response disabled = setEnabled(admin, sourcedId, "{\"enabledUser\":false}");
            assertThat(disabled.statusCode()).as(disabled.asString()).isEqualTo(200);
            assertThat(disabled.jsonPath().getMap(""))
                    .containsEntry("sourcedId", sourcedId)
                    .containsEntry("role", role)
                    .containsEntry("enabledUser", false);
            assertThat(row(sourcedId).enabledUser).isFalse();
            Response enabled = setEnabled(admin, sourcedId, "{\"enabledUser\":true}");
            assertThat(enabled.jsonPath().getBoolean("enabledUser")).isTrue();
            assertThat(row(sourcedId).enabledUser).isTrue();
        }
        String other = addAdministrator(admin, "{\"email\":\"" + unique("other-admin") + "\"}")
                .jsonPath()
                .getString("sourcedId");
        assertThat(setEnabled(admin, other, "{\"enabledUser\":false}")
                        .jsonPath()
                        .getBoolean("enabledUser"))
                .isFalse();
        assertThat(row(other).enabledUser).isFalse();

        List<Map<String, Object>> audit = auditRecordsOf(admin);
        assertThat(audit)
                .extracting(r -> r.get("actionType"))
                .containsExactly("update", "create", "update", "update", "update", "update");
        Map<String, Object> disabling = audit.get(0);
        assertThat(disabling).containsEntry("resourceType", "user").containsEntry("resourceId", other);
        assertThat(state(disabling, "beforeState"))
                .containsEntry("enabledUser", true)
                .containsEntry("role", "administrator");
        assertThat(state(disabling, "afterState"))
                .containsEntry("enabledUser", false)
                .containsEntry("role", "administrator");
    }

    @Test
    void aCoachRowIs409AndPointsAtTheCoachStatus() {
        String admin = actingAdmin();
        String coachId = uniqueId("coach");
        insertRow("teacher", unique("coach"), null, List.of("255901001"), coachId);

        Response response = setEnabled(admin, coachId, "{\"enabledUser\":false}");

        assertProblem(response, 409);
        assertThat(response.jsonPath().getString("detail"))
                .contains("PATCH /api/admin/coaches/" + coachId + "/status")
                .contains("sync");
        assertThat(row(coachId).enabledUser).isTrue();
        assertThat(auditRecordsOf(admin)).isEmpty();
    }

    @Test
    void aStudentRowIs409AndAnUnknownRowIs404() {
        String admin = actingAdmin();
        String student = insertRow("student", unique("student"));

        assertProblem(setEnabled(admin, student, "{\"enabledUser\":false}"), 409);
        assertProblem(setEnabled(admin, uniqueId("no-such-row"), "{\"enabledUser\":false}"), 404);
        assertThat(row(student).enabledUser).isTrue();
        assertThat(auditRecordsOf(admin)).isEmpty();
    }

    @Test
    void anAdminCannotDisableThemself() {
        String self = unique("self-disabler");
        String selfRow = addAdministrator(DEFAULT_ADMIN, "{\"email\":\"" + self + "\"}")
                .jsonPath()
                .getString("sourcedId");

        Response response = setEnabled(self, selfRow, "{\"enabledUser\":false}");

        assertProblem(response, 409);
        assertThat(response.jsonPath().getString("detail")).contains("own");
        assertThat(row(selfRow).enabledUser).isTrue();
        assertThat(auditRecordsOf(self)).isEmpty();
    }

    // --- bad input ----------------------------------------------------------------------------------------------

    @Test
    void badBodiesAre400ProblemsAndChangeNothing() {
        String admin = unique("clumsy-admin");
        String parent = insertRow("parent", unique("parent"));
        List<String> badAdministrators = List.of(
                "{\"email\":",
                "not json",
                "",
                "[]",
                "\"admin@tsa.example\"",
                "{}",
                "{\"email\":null}",
                "{\"email\":\"not-an-email\"}",
                "{\"email\":\"\"}",
                "{\"email\":42}",
                "{\"email\":[\"" + unique("a") + "\"]}",
                "{\"email\":\"" + unique("a") + "\",\"givenName\":7}",
                "{\"email\":\"" + unique("a") + "\",\"role\":\"administrator\"}",
                "{\"email\":\"" + unique("a") + "\",\"givenName\":\"" + "x".repeat(256) + "\"}",
                "{\"email\":\"" + "x".repeat(250) + "@tsa.example\"}",
                "{\"email\":\"" + unique("a") + "\"} trailing");
        for (String body : badAdministrators) {
            Response response = addAdministrator(admin, body);
            assertThat(response.statusCode())
                    .as(body + " -> " + response.asString())
                    .isEqualTo(400);
            assertThat(response.contentType()).as(body).startsWith("application/problem+json");
        }
        List<String> badChanges = List.of(
                "{\"enabledUser\":",
                "{}",
                "{\"enabledUser\":null}",
                "{\"enabledUser\":\"false\"}",
                "{\"enabledUser\":0}",
                "{\"enabledUser\":\"no\"}",
                "{\"enabledUser\":false,\"status\":\"active\"}",
                "");
        for (String body : badChanges) {
            Response response = setEnabled(admin, parent, body);
            assertThat(response.statusCode())
                    .as(body + " -> " + response.asString())
                    .isEqualTo(400);
            assertThat(response.contentType()).as(body).startsWith("application/problem+json");
        }
        Response unknownField = setEnabled(admin, parent, "{\"enabledUser\":false,\"status\":\"active\"}");
        assertThat(unknownField.jsonPath().getList("errors.field")).containsExactly("status");
        Response invalidEmail = addAdministrator(admin, "{\"email\":\"not-an-email\"}");
        assertThat(invalidEmail.jsonPath().getList("errors.field")).containsExactly("email");

        assertThat(row(parent).enabledUser).isTrue();
        assertThat(auditRecordsOf(admin)).isEmpty();
    }

    // --- search -------------------------------------------------------------------------------------------------

    @Test
    void searchByEmailIsExactAndIgnoresCase() {
        String email = unique("coach-and-parent");
        String coachRow = insertRow("teacher", email, email, null, uniqueId("coach"));
        String parentRow = insertRow("parent", email);
        insertRow("parent", "x" + email);

        List<Map<String, Object>> found = searchAll(Map.of("email", email.toUpperCase()), 20);

        assertThat(found).extracting(r -> r.get("sourcedId")).containsExactlyInAnyOrder(coachRow, parentRow);
        assertThat(found)
                .allSatisfy(r -> assertThat(r)
                        .containsEntry("email", email)
                        .containsKeys("sourcedId", "status", "enabledUser", "role", "username"));
        assertThat(searchAll(Map.of("email", email.substring(1)), 20)).isEmpty();
    }

    @Test
    void searchByRoleAndOrganisationPagesThroughEveryMatchingRow() {
        String org = uniqueId("org");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            expected.add(insertRow("parent", unique("p" + i), null, List.of(org, "255901"), null));
        }
        insertRow("parent", unique("second-org"), null, List.of("255901", org), null);
        insertRow("teacher", unique("coach"), null, List.of(org), uniqueId("coach"));
        insertRow("parent", unique("no-org"));

        Response first = search(Map.of("role", "parent", "orgId", org, "limit", 2));
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.jsonPath().getList("items")).hasSize(2);
        assertThat(first.jsonPath().getString("nextCursor")).isNotBlank();

        List<Map<String, Object>> all = searchAll(Map.of("role", "parent", "orgId", org), 2);
        assertThat(all).extracting(r -> r.get("sourcedId")).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(all)
                .allSatisfy(r ->
                        assertThat(r).containsEntry("role", "parent").containsEntry("orgIds", List.of(org, "255901")));

        Response exact = search(Map.of("role", "parent", "orgId", org, "limit", 5));
        assertThat(exact.jsonPath().getList("items")).hasSize(5);
        assertThat(exact.jsonPath().getString("nextCursor")).isNull();
        assertThat(exact.asString()).contains("\"nextCursor\":null");
    }

    @Test
    void searchByRoleAlonePagesThroughTheRole() {
        List<String> guardians = List.of(
                insertRow("guardian", unique("g1")),
                insertRow("guardian", unique("g2")),
                insertRow("guardian", unique("g3")));

        List<Map<String, Object>> all = searchAll(Map.of("role", "guardian"), 2);

        List<Object> ids = all.stream().map(r -> r.get("sourcedId")).toList();
        assertThat(ids).containsAll(guardians).doesNotHaveDuplicates();
        assertThat(all).allSatisfy(r -> assertThat(r).containsEntry("role", "guardian"));
    }

    @Test
    void badSearchParametersAre400() {
        String org = uniqueId("org");
        insertRow("parent", unique("p1"), null, List.of(org), null);
        insertRow("parent", unique("p2"), null, List.of(org), null);
        String cursor = search(Map.of("role", "parent", "orgId", org, "limit", 1))
                .jsonPath()
                .getString("nextCursor");
        assertThat(cursor).isNotNull();

        List<Map<String, ?>> bad = List.of(
                Map.of(),
                Map.of("limit", 5),
                Map.of("email", "a@tsa.example", "role", "parent"),
                Map.of("email", "a@tsa.example", "orgId", org),
                Map.of("orgId", org),
                Map.of("role", "boss"),
                Map.of("role", "Parent"),
                Map.of("email", "not-an-email"),
                Map.of("email", ""),
                Map.of("role", "parent", "limit", 0),
                Map.of("role", "parent", "limit", 101),
                Map.of("role", "parent", "limit", "ten"),
                Map.of("role", "parent", "limit", -1),
                Map.of("role", "parent", "cursor", "not-a-cursor"),
                // A cursor is only good for the query it came from.
                Map.of("role", "parent", "cursor", cursor),
                Map.of("role", "parent", "orgId", org + "x", "cursor", cursor),
                Map.of("email", "a@tsa.example", "cursor", cursor));
        for (Map<String, ?> query : bad) {
            Response response = search(query);
            assertThat(response.statusCode())
                    .as(query + " -> " + response.asString())
                    .isEqualTo(400);
            assertThat(response.contentType()).as(query.toString()).startsWith("application/problem+json");
        }
        Response badRole = search(Map.of("role", "boss"));
        assertThat(badRole.jsonPath().getList("errors.field")).containsExactly("role");

        Response next = search(Map.of("role", "parent", "orgId", org, "limit", 1, "cursor", cursor));
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.jsonPath().getList("items")).hasSize(1);
        assertThat(next.jsonPath().getString("nextCursor")).isNull();
    }

    @Test
    void theSearchesCanUseTheSeedsIndexes() {
        assertThat(plan(UserRows.SEARCH_BY_EMAIL)).contains("idx_users_email");
        assertThat(plan(UserRows.SEARCH_BY_ROLE_AND_ORG)).contains("idx_users_role_org");
    }

    /** The query plan with sequential scans priced out, so that a usable index shows even on a small table. */
    private String plan(String sql) {
        String literal = sql.replace(":email", "'a@tsa.example'")
                .replace(":role", "'parent'")
                .replace(":orgId", "'255901001'")
                .replace(":after", "''")
                .replace(":limit", "20");
        return QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("SET LOCAL enable_seqscan = off").executeUpdate();
            @SuppressWarnings("unchecked")
            List<Object> lines = em.createNativeQuery("EXPLAIN " + literal).getResultList();
            return String.join("\n", lines.stream().map(Object::toString).toList());
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> state(Map<String, Object> record, String name) {
        assertThat(record).containsKey(name);
        return (Map<String, Object>) record.get(name);
    }
}
