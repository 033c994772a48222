package tsa.sync.oneroster;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static tsa.sync.SyncFixtures.admin;
import static tsa.sync.SyncFixtures.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tsa.sync.AdminServiceStub;
import tsa.sync.StubServices;
import tsa.sync.SyncFixtures;
import tsa.sync.apiclient.store.ApiClient;
import tsa.testsupport.ContractOperations;
import tsa.testsupport.ContractResponses;
import tsa.testsupport.RealDataStores;
import tsa.testsupport.TestTokens;

/** Only admins create, list and disable API clients; each write is audited; the secret is shown once, never stored. */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
@QuarkusTestResource(StubServices.class)
class ApiClientAdministrationTest {

    private static final java.nio.file.Path CONTRACT = ContractOperations.contract("sync-service");

    @Test
    void anAdminCreatesAClientWhoseSecretIsShownOnceAndStoredOnlyAsASaltedHash() {
        AdminServiceStub.recordsAudits();
        int recordsBefore = AdminServiceStub.records().size();
        String token = admin();

        Response created = given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "Classroom tool", "scopes", List.of(OneRosterFixtures.CORE)))
                .post("/api/sync/api-clients");

        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        ContractResponses.assertValid(CONTRACT, "POST", "/api/sync/api-clients", 201, created.asString());
        String clientId = created.jsonPath().getString("clientId");
        String secret = created.jsonPath().getString("clientSecret");
        assertThat(secret).hasSizeGreaterThanOrEqualTo(43);
        assertThat(created.jsonPath().getList("scopes")).containsExactly(OneRosterFixtures.CORE);
        assertThat(created.jsonPath().getBoolean("enabled")).isTrue();

        ApiClient row = QuarkusTransaction.requiringNew().call(() -> ApiClient.<ApiClient>findById(clientId));
        assertThat(row.secretHash).startsWith("pbkdf2-sha256$").doesNotContain(secret);
        assertThat(row.createdBy).isEqualTo(SyncFixtures.ADMIN_EMAIL);

        List<JsonNode> records = AdminServiceStub.records();
        assertThat(records).hasSize(recordsBefore + 1);
        JsonNode record = records.get(records.size() - 1);
        assertThat(record.path("actionType").asText()).isEqualTo("create");
        assertThat(record.path("resourceType").asText()).isEqualTo("api_client");
        assertThat(record.path("resourceId").asText()).isEqualTo(clientId);
        assertThat(record.path("sessionId").asText()).isEqualTo(SyncFixtures.jti(token));
        assertThat(record.toString()).doesNotContain(secret);

        Response listed = given().auth().oauth2(admin()).get("/api/sync/api-clients");
        assertThat(listed.statusCode()).isEqualTo(200);
        ContractResponses.assertValid(CONTRACT, "GET", "/api/sync/api-clients", 200, listed.asString());
        assertThat(listed.jsonPath().getList("items.clientId")).contains(clientId);
        assertThat(listed.asString()).doesNotContain(secret).doesNotContain("clientSecret");
    }

    @Test
    void disablingAClientIsAuditedAndKillsItsTokensAtOnce() {
        OneRosterFixtures.Client client = OneRosterFixtures.newClient(OneRosterFixtures.ROSTER);
        String token = OneRosterFixtures.requestToken(client, null).jsonPath().getString("access_token");
        given().auth()
                .oauth2(token)
                .get(OneRosterFixtures.BASE + "/orgs")
                .then()
                .statusCode(200);
        int recordsBefore = AdminServiceStub.records().size();

        Response disabled = given().auth().oauth2(admin()).delete("/api/sync/api-clients/" + client.clientId());

        assertThat(disabled.statusCode()).as(disabled.asString()).isEqualTo(204);
        JsonNode record = AdminServiceStub.records().get(recordsBefore);
        assertThat(record.path("actionType").asText()).isEqualTo("update");
        assertThat(record.path("resourceId").asText()).isEqualTo(client.clientId());
        assertThat(given().auth()
                        .oauth2(token)
                        .get(OneRosterFixtures.BASE + "/orgs")
                        .statusCode())
                .isEqualTo(401);
        Response again = OneRosterFixtures.requestToken(client, null);
        assertThat(again.statusCode()).isEqualTo(401);
        assertThat(again.jsonPath().getString("error")).isEqualTo("invalid_client");
    }

    @Test
    void aWriteIsRefusedWhenItsAuditRecordCannotBeWritten() {
        AdminServiceStub.absent();
        try {
            Response refused = given().auth()
                    .oauth2(admin())
                    .contentType(ContentType.JSON)
                    .body(Map.of("name", "unaudited", "scopes", List.of(OneRosterFixtures.CORE)))
                    .post("/api/sync/api-clients");
            assertProblem(refused, 503);
            Long unaudited =
                    QuarkusTransaction.requiringNew().call(() -> Long.valueOf(ApiClient.count("name", "unaudited")));
            assertThat(unaudited).isZero();
        } finally {
            AdminServiceStub.recordsAudits();
        }
    }

    @Test
    void otherRolesAreRefusedAndBadBodiesNameTheField() {
        String coach = TestTokens.coach("coach.a@tsa.example", "coach-a", "invitation-a");
        String parent = TestTokens.parent("parent.a@tsa.example", "invitation-p");
        for (String token : List.of(coach, parent, TestTokens.anyService())) {
            assertProblem(given().auth().oauth2(token).get("/api/sync/api-clients"), 403);
            assertProblem(
                    given().auth()
                            .oauth2(token)
                            .contentType(ContentType.JSON)
                            .body(Map.of("name", "x", "scopes", List.of(OneRosterFixtures.CORE)))
                            .post("/api/sync/api-clients"),
                    403);
            assertProblem(given().auth().oauth2(token).delete("/api/sync/api-clients/any"), 403);
        }
        assertProblem(given().get("/api/sync/api-clients"), 401);

        AdminServiceStub.recordsAudits();
        Response badScope = given().auth()
                .oauth2(admin())
                .contentType(ContentType.JSON)
                .body(Map.of("name", "x", "scopes", List.of("https://example.com/all")))
                .post("/api/sync/api-clients");
        assertProblem(badScope, 400);
        assertThat(badScope.jsonPath().getList("errors.field")).containsExactly("scopes");
        Response noName = given().auth()
                .oauth2(admin())
                .contentType(ContentType.JSON)
                .body(Map.of("scopes", List.of(OneRosterFixtures.CORE)))
                .post("/api/sync/api-clients");
        assertProblem(noName, 400);
        assertThat(noName.jsonPath().getList("errors.field")).containsExactly("name");
        // found by the schema fuzz: a null inside the list was a 500
        Response nullScope = given().auth()
                .oauth2(admin())
                .contentType(ContentType.JSON)
                .body("{\"name\": \"x\", \"scopes\": [null]}")
                .post("/api/sync/api-clients");
        assertProblem(nullScope, 400);
        assertThat(nullScope.jsonPath().getList("errors.field")).containsExactly("scopes[0]");
        assertThat(nullScope.jsonPath().getString("detail"))
                .contains("scopes[0]")
                .contains("null");
        assertProblem(given().auth().oauth2(admin()).delete("/api/sync/api-clients/or-unknown"), 404);
    }
}
