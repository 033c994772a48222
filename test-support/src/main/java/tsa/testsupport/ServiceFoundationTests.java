package tsa.testsupport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What every service shows from the foundation on: health, its contract as its OpenAPI document, Swagger UI,
 * metrics, REST endpoints that match the contract operation for operation, and internal operations that answer only
 * the services their {@code x-callers} name. Each service's test extends this class under {@code @QuarkusTest}.
 */
public abstract class ServiceFoundationTests {

    /** The service's name, which is also its contract's file name: "coach-service". */
    protected abstract String service();

    /** The public prefix under which it serves its OpenAPI document and Swagger UI: "/api/coach". */
    protected abstract String prefix();

    /** A table the service owns, whose DynamoDB calls must show in the metrics. */
    protected abstract String ownedTable();

    @Test
    void liveAndReadyChecksAreUpWithDatabaseAndDynamoDbChecks() {
        given().get("/q/health/live").then().statusCode(200);
        Response ready = given().get("/q/health/ready");
        assertThat(ready.statusCode()).as(ready.asString()).isEqualTo(200);
        List<String> checks = ready.jsonPath().getList("checks.name");
        assertThat(checks)
                .contains("DynamoDB tables")
                .anyMatch(name -> name.toLowerCase().contains("database"));
        assertThat(ready.jsonPath().getString("status")).isEqualTo("UP");
    }

    @Test
    void servesItsContractAsItsOpenApiDocument() throws Exception {
        JsonNode served = new ObjectMapper()
                .readTree(given().accept("application/json")
                        .get(prefix() + "/openapi?format=json")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());
        JsonNode contract = ContractOperations.read(ContractOperations.contract(service()));
        assertThat(operationIds(served)).isEqualTo(operationIds(contract)).isNotEmpty();
        assertThat(served.path("info").path("title").asText())
                .isEqualTo(contract.path("info").path("title").asText());
    }

    @Test
    void servesSwaggerUi() {
        String page = given().get(prefix() + "/swagger-ui/")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(page).containsIgnoringCase("swagger");
    }

    @Test
    void restEndpointsAreExactlyTheContractOperations() {
        Set<String> contract = ContractOperations.fromContract(ContractOperations.contract(service())).stream()
                .map(ContractOperations.Operation::signature)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> code = ContractOperations.fromResources(Path.of("target", "classes")).stream()
                .filter(signature -> standardsPathPrefixes().stream()
                        .noneMatch(prefix ->
                                signature.substring(signature.indexOf(' ') + 1).startsWith(prefix)))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(code).isEqualTo(contract);
    }

    /**
     * Path prefixes of standards APIs (OneRoster, Ed-Fi) that the service serves but that their own official documents
     * describe, not the service's contract; their endpoints are checked against those documents by their own tests.
     */
    protected List<String> standardsPathPrefixes() {
        return List.of();
    }

    @Test
    void everyOperationRefusesAnonymousCallersAndRolesItDoesNotName() {
        for (ContractOperations.Operation op :
                ContractOperations.fromContract(ContractOperations.contract(service()))) {
            if (op.roles().isEmpty()) {
                continue;
            }
            assertProblem(call(op, null), 401, op);
            for (String role : ALL_ROLES) {
                if (!op.roles().contains(role)) {
                    assertProblem(call(op, tokenFor(role)), 403, op);
                }
            }
        }
    }

    @Test
    void everyOperationIsRoutedForTheRolesItNames() {
        for (ContractOperations.Operation op :
                ContractOperations.fromContract(ContractOperations.contract(service()))) {
            for (String role : op.roles().isEmpty() ? List.of("anonymous") : op.roles()) {
                Response response = call(op, role.equals("anonymous") ? null : tokenFor(role, op));
                assertRouted(response, role, op);
            }
        }
    }

    @Test
    void internalOperationsNameTheSameCallersInCodeAsInTheContract() {
        Map<String, List<String>> code = ContractOperations.callersInResources(Path.of("target", "classes"));
        for (ContractOperations.Operation op :
                ContractOperations.fromContract(ContractOperations.contract(service()))) {
            String what = op.method() + " " + op.path();
            if (op.roles().contains("service")) {
                assertThat(op.callers())
                        .as(what + ": a service operation names its callers in x-callers")
                        .isNotEmpty();
                assertThat(SigningKeys.SERVICES)
                        .as(what + ": x-callers are services")
                        .containsAll(op.callers());
            } else {
                assertThat(op.callers())
                        .as(what + ": x-callers only beside x-roles [service]")
                        .isEmpty();
            }
            assertThat(code.get(op.signature()))
                    .as(what + ": @CalledBy of its resource method vs x-callers")
                    .containsExactlyInAnyOrderElementsOf(op.callers());
        }
    }

    @Test
    void internalOperationsAnswerOnlyTheServicesTheyName() {
        for (ContractOperations.Operation op :
                ContractOperations.fromContract(ContractOperations.contract(service()))) {
            if (op.callers().isEmpty()) {
                continue;
            }
            for (String caller : SigningKeys.SERVICES) {
                Response response = call(op, TestTokens.service(caller));
                if (op.callers().contains(caller)) {
                    assertRouted(response, caller, op);
                } else {
                    assertProblem(response, 403, op);
                }
            }
        }
    }

    @Test
    void forgedExpiredAndMisdirectedTokensAreRefusedOnEveryOperation() {
        String email = "admin@tsa.example";
        List<String> forged = new ArrayList<>(List.of(
                TestTokens.adminUnsigned(email),
                TestTokens.adminSignedWithUnknownKey(email),
                TestTokens.adminExpired(email),
                TestTokens.adminWithIssuer(email, "https://elsewhere.example"),
                TestTokens.adminWithAudience(email, "another-audience"),
                TestTokens.serviceRoleSignedWithUserKey(),
                TestTokens.serviceWithUnknownKeyId(),
                TestTokens.adminSignedWithServiceKey("sync-service", email),
                "not-a-jwt"));
        for (int i = 0; i < SigningKeys.SERVICES.size(); i++) {
            String service = SigningKeys.SERVICES.get(i);
            // Each service's name, claimed by a token signed with another service's own key.
            String keyOwner = SigningKeys.SERVICES.get((i + 1) % SigningKeys.SERVICES.size());
            forged.add(TestTokens.serviceClaimingToBe(service, keyOwner));
            forged.add(TestTokens.serviceSignedWithUnknownKey(service));
        }
        for (ContractOperations.Operation op :
                ContractOperations.fromContract(ContractOperations.contract(service()))) {
            if (op.roles().isEmpty()) {
                continue;
            }
            for (String token : forged) {
                assertProblem(call(op, token), 401, op);
            }
        }
    }

    @Test
    void corsAdmitsThePortalsOnlyAndNeverAWildcard() {
        Response fromPortal = given().header("Origin", "http://localhost:3002")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "Authorization,Content-Type")
                .options(prefix() + "/openapi");
        assertThat(fromPortal.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:3002");
        assertThat(fromPortal.header("Access-Control-Allow-Credentials")).isEqualTo("true");

        Response fromElsewhere = given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .options(prefix() + "/openapi");
        assertThat(fromElsewhere.header("Access-Control-Allow-Origin")).isNotIn("*", "https://evil.example");
    }

    @Test
    void everyListOperationRefusesABadLimitOrCursorNamingTheParameter() {
        int lists = 0;
        for (ContractOperations.Operation op :
                ContractOperations.fromContract(ContractOperations.contract(service()))) {
            JsonNode limit = op.queryParameters().get("limit");
            if (!op.method().equals("GET") || limit == null) {
                continue;
            }
            lists++;
            // for an internal list, a service it names (another service is refused before the parameters count)
            String token = op.roles().isEmpty() ? null : tokenFor(op.roles().get(0), op);
            List<String> badLimits = new java.util.ArrayList<>(List.of("abc", "0", "-1", "1.5"));
            if (limit.path("maximum").canConvertToInt() && limit.path("maximum").asInt() < 100000) {
                badLimits.add("100000");
                badLimits.add(Integer.toString(limit.path("maximum").asInt() + 1));
            }
            for (String bad : badLimits) {
                assertProblemNaming(get(op, token, "limit", bad), "limit", op, "limit=" + bad);
            }
            if (op.queryParameters().containsKey("cursor")) {
                for (String bad : List.of("garbage", "not a cursor!", "x".repeat(3000))) {
                    assertProblemNaming(get(op, token, "cursor", bad), "cursor", op, "cursor=" + bad);
                }
            }
        }
        assertThat(lists).as("list operations with a limit in " + service()).isGreaterThan(0);
    }

    private static Response get(ContractOperations.Operation op, String token, String parameter, String value) {
        var request =
                given().accept("application/json, application/problem+json").queryParam(parameter, value);
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        return request.get(op.pathWith("unknown-id"));
    }

    private static void assertProblemNaming(
            Response response, String parameter, ContractOperations.Operation op, String query) {
        String what = op.method() + " " + op.path() + "?" + query + " -> " + response.statusCode() + " "
                + response.asString();
        assertThat(response.statusCode()).as(what).isEqualTo(400);
        assertThat(response.contentType()).as(what).startsWith("application/problem+json");
        assertThat(response.jsonPath().getInt("status")).as(what).isEqualTo(400);
        assertThat(response.jsonPath().getList("errors.field", String.class))
                .as(what)
                .containsExactly(parameter);
    }

    private static final List<String> ALL_ROLES = List.of("admin", "coach", "parent", "service");

    /** A token of each role, as the platform mints them; for {@code service}, of a service the operation names. */
    protected static String tokenFor(String role, ContractOperations.Operation op) {
        if (role.equals("service") && !op.callers().isEmpty()) {
            return TestTokens.service(op.callers().get(0));
        }
        return tokenFor(role);
    }

    /** A token of each role, as the platform mints them. */
    protected static String tokenFor(String role) {
        return switch (role) {
            case "admin" -> TestTokens.admin("admin@tsa.example");
            case "coach" -> TestTokens.coach("coach.a@tsa.example", "coach-a", "invitation-a");
            case "parent" -> TestTokens.parent("parent.a@tsa.example", "invitation-p");
            case "service" -> TestTokens.anyService();
            default -> throw new IllegalArgumentException(role);
        };
    }

    /** The call got past authentication and authorization (and routing), and any error is problem+json. */
    private static void assertRouted(Response response, String who, ContractOperations.Operation op) {
        String what =
                who + ": " + op.method() + " " + op.path() + " -> " + response.statusCode() + " " + response.asString();
        // 501 would be an operation of the contract that is still a stub: every one is built now.
        assertThat(response.statusCode()).as(what).isNotIn(401, 403, 405, 500, 501);
        if (response.statusCode() >= 400) {
            assertThat(response.contentType()).as(what).startsWith("application/problem+json");
            assertThat(response.jsonPath().getInt("status")).as(what).isEqualTo(response.statusCode());
        }
    }

    private static Response call(ContractOperations.Operation op, String token) {
        var request = given().accept("application/json, application/problem+json");
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        if (op.hasBody()) {
            request = request.contentType("application/json").body("{}");
        }
        return request.request(op.method(), op.pathWith("unknown-id"));
    }

    private static void assertProblem(Response response, int status, ContractOperations.Operation op) {
        String what = op.method() + " " + op.path() + " -> " + response.statusCode() + " " + response.asString();
        assertThat(response.statusCode()).as(what).isEqualTo(status);
        assertThat(response.contentType()).as(what).startsWith("application/problem+json");
        assertThat(response.jsonPath().getInt("status")).as(what).isEqualTo(status);
    }

    @Test
    void metricsShowDynamoDbCallsPerTableAndThePostgresPool() {
        // The readiness check describes every owned table, so there is at least one call to count.
        given().get("/q/health/ready");
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .contains("tsa_dynamodb_calls_seconds_count{")
                .containsPattern("tsa_dynamodb_calls_seconds_count\\{[^}]*table=\"" + ownedTable() + "\"")
                .contains("agroal_active_count")
                .contains("tsa_datasource_connections_max");
    }

    /**
     * Least privilege for data (issue 26): the service's pool holds connections of its own database role only, never
     * of the migration role that owns the schema or of another service's role ({@code DataStores#serviceConfig}).
     */
    @Test
    void connectsToPostgresOnlyAsItsOwnDatabaseRole() throws java.sql.SQLException {
        // The readiness check validates a pooled connection, which the pool then keeps.
        given().get("/q/health/ready").then().statusCode(200);
        Set<String> users = new TreeSet<>();
        try (java.sql.Connection c = DataStores.shared().postgres().connect(PostgresServer.DATABASE);
                java.sql.Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SELECT DISTINCT usename FROM pg_stat_activity"
                        + " WHERE datname = '" + PostgresServer.DATABASE + "' AND usename <> '" + PostgresServer.USER
                        + "'")) {
            while (rs.next()) {
                users.add(rs.getString(1));
            }
        }
        assertThat(users)
                .as("database users connected to " + PostgresServer.DATABASE + " besides the tests' own")
                .containsExactly(PostgresServer.serviceRole(service()));
    }

    @Test
    void unknownPathsAnswerProblemDetails() {
        Response response = given().get(prefix() + "/no-such-resource");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void oversizedBodiesAreRefusedWithProblemDetails() {
        ContractOperations.Operation withBody =
                ContractOperations.fromContract(ContractOperations.contract(service())).stream()
                        .filter(ContractOperations.Operation::hasBody)
                        .findFirst()
                        .orElseThrow();
        String big = "{\"x\":\"" + "a".repeat(300 * 1024) + "\"}";
        Response response = given().contentType("application/json")
                .body(big)
                .request(withBody.method(), withBody.pathWith("unknown-id"));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void oversizedHeadersAndRequestTargetsAreRefusedWithProblemDetails() {
        String document = prefix() + "/openapi";
        // Within the limits (16K of headers, 4096 characters of target): answered.
        assertThat(given().header("X-Padding", "a".repeat(12 * 1024))
                        .queryParam("pad", "a".repeat(3_500))
                        .get(document)
                        .statusCode())
                .isEqualTo(200);

        Response headers = given().header("X-Padding", "a".repeat(20 * 1024)).get(document);
        assertThat(headers.statusCode()).isEqualTo(431);
        assertThat(headers.contentType()).startsWith("application/problem+json");
        assertThat(headers.jsonPath().getString("detail")).contains("headers");

        Response target = given().queryParam("pad", "a".repeat(5_000)).get(document);
        assertThat(target.statusCode()).isEqualTo(414);
        assertThat(target.contentType()).startsWith("application/problem+json");
        assertThat(target.jsonPath().getString("detail")).contains("request target");

        // Far past ours, below the HTTP layer's own backstop (64K): still our problem, not a bare status.
        Response longHeaders = given().header("X-Padding", "a".repeat(20 * 1024))
                .header("X-More-Padding", "a".repeat(20 * 1024))
                .get(document);
        assertThat(longHeaders.statusCode()).isEqualTo(431);
        assertThat(longHeaders.contentType()).startsWith("application/problem+json");
        Response longTarget = given().queryParam("pad", "a".repeat(40_000)).get(document);
        assertThat(longTarget.statusCode()).isEqualTo(414);
        assertThat(longTarget.contentType()).startsWith("application/problem+json");
    }

    /**
     * The request target is checked before anything decodes it: a NUL (or a line break) in a path id, a control
     * character in a query value and a malformed percent escape are each a 400 problem naming where, on every
     * operation, for anonymous callers and for the roles the operation names alike.
     */
    @Test
    void controlCharactersAndMalformedEscapesInTheRequestTargetAreRefusedOnEveryOperation() {
        for (ContractOperations.Operation op :
                ContractOperations.fromContract(ContractOperations.contract(service()))) {
            String token = op.roles().isEmpty() ? null : tokenFor(op.roles().get(0));
            if (op.path().contains("{")) {
                assertRefusedTarget(op, token, op.pathWith("abc%00"), "path");
                assertRefusedTarget(op, token, op.pathWith("abc%0Ad"), "path");
                assertRefusedTarget(op, token, op.pathWith("abc%zz"), "path");
            }
            assertRefusedTarget(op, token, op.pathWith("unknown-id") + "?cursor=%%%", "query parameter 'cursor'");
            assertRefusedTarget(op, token, op.pathWith("unknown-id") + "?orgId=25%00", "query parameter 'orgId'");
            assertRefusedTarget(op, token, op.pathWith("unknown-id") + "?email=a%C3", "query parameter 'email'");
        }
    }

    private static void assertRefusedTarget(
            ContractOperations.Operation op, String token, String target, String where) {
        RawHttp.Reply reply = RawHttp.send(RestAssured.port, op.method(), target, token, op.hasBody() ? "{}" : null);
        String what = op.method() + " " + target + " -> " + reply.status() + " " + reply.body();
        assertThat(reply.status()).as(what).isEqualTo(400);
        assertThat(reply.contentType()).as(what).startsWith("application/problem+json");
        assertThat(reply.json().path("errors").path(0).path("field").asText())
                .as(what)
                .isEqualTo(where);
    }

    private static Set<String> operationIds(JsonNode document) {
        Set<String> ids = new TreeSet<>();
        document.path("paths")
                .forEach(path -> path.forEach(op -> {
                    if (op.has("operationId")) {
                        ids.add(op.get("operationId").asText());
                    }
                }));
        return ids;
    }
}
