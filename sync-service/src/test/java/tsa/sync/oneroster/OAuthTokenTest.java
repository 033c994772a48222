package tsa.sync.oneroster;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static tsa.sync.oneroster.OneRosterFixtures.CORE;
import static tsa.sync.oneroster.OneRosterFixtures.DEMOGRAPHICS;
import static tsa.sync.oneroster.OneRosterFixtures.ROSTER;
import static tsa.sync.oneroster.OneRosterFixtures.TOKEN_PATH;
import static tsa.sync.oneroster.OneRosterFixtures.requestToken;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tsa.sync.StubServices;
import tsa.sync.apiclient.store.ApiClientToken;
import tsa.sync.apiclient.store.SecretHash;
import tsa.testsupport.MovableClock;
import tsa.testsupport.RealDataStores;

/** The client-credentials grant of RFC 6749 section 4.4, as a OneRoster client uses it. */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
@QuarkusTestResource(StubServices.class)
class OAuthTokenTest {

    @AfterEach
    void resetClock() {
        MovableClock.INSTANCE.reset();
    }

    @Test
    void basicCredentialsGetABearerTokenOfTheClientsScopesStoredOnlyAsAHash() {
        OneRosterFixtures.Client client = OneRosterFixtures.newClient(ROSTER, CORE);

        Response response = requestToken(client, null);

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        assertThat(response.jsonPath().getString("token_type")).isEqualTo("Bearer");
        assertThat(response.jsonPath().getLong("expires_in")).isEqualTo(3600);
        assertThat(response.jsonPath().getString("scope")).isEqualTo(ROSTER + " " + CORE);
        String token = response.jsonPath().getString("access_token");
        ApiClientToken stored = QuarkusTransaction.requiringNew()
                .call(() -> ApiClientToken.<ApiClientToken>findById(SecretHash.sha256Hex(token)));
        assertThat(stored.clientId).isEqualTo(client.clientId());
        ApiClientToken byPlainValue =
                QuarkusTransaction.requiringNew().call(() -> ApiClientToken.<ApiClientToken>findById(token));
        assertThat(byPlainValue).isNull();
    }

    @Test
    void bodyCredentialsAndANarrowerScopeWork() {
        OneRosterFixtures.Client client = OneRosterFixtures.newClient(ROSTER, CORE);

        Response response = given().formParam("grant_type", "client_credentials")
                .formParam("client_id", client.clientId())
                .formParam("client_secret", client.clientSecret())
                .formParam("scope", CORE)
                .post(TOKEN_PATH);

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        assertThat(response.jsonPath().getString("scope")).isEqualTo(CORE);
    }

    @Test
    void aBadSecretAnUnknownClientOrNoCredentialsAreInvalidClient() {
        OneRosterFixtures.Client client = OneRosterFixtures.newClient(CORE);
        assertOAuthError(
                requestToken(new OneRosterFixtures.Client(client.clientId(), "wrong"), null), 401, "invalid_client");
        assertOAuthError(
                requestToken(new OneRosterFixtures.Client("or-nobody", client.clientSecret()), null),
                401,
                "invalid_client");
        Response none = given().formParam("grant_type", "client_credentials").post(TOKEN_PATH);
        assertOAuthError(none, 401, "invalid_client");
        assertThat(none.header("WWW-Authenticate")).startsWith("Basic");
        assertOAuthError(
                given().header("Authorization", "Basic !!!")
                        .formParam("grant_type", "client_credentials")
                        .post(TOKEN_PATH),
                401,
                "invalid_client");
    }

    @Test
    void aDisabledClientIsInvalidClient() {
        OneRosterFixtures.Client client = OneRosterFixtures.newClient(CORE);
        given().auth()
                .oauth2(tsa.sync.SyncFixtures.admin())
                .delete("/api/sync/api-clients/" + client.clientId())
                .then()
                .statusCode(204);
        assertOAuthError(requestToken(client, null), 401, "invalid_client");
    }

    @Test
    void anotherGrantIsUnsupportedAndAScopeTheClientLacksIsInvalidScope() {
        OneRosterFixtures.Client client = OneRosterFixtures.newClient(CORE);
        assertOAuthError(
                given().auth()
                        .preemptive()
                        .basic(client.clientId(), client.clientSecret())
                        .formParam("grant_type", "password")
                        .post(TOKEN_PATH),
                400,
                "unsupported_grant_type");
        assertOAuthError(
                given().auth()
                        .preemptive()
                        .basic(client.clientId(), client.clientSecret())
                        .formParam("scope", CORE)
                        .post(TOKEN_PATH),
                400,
                "invalid_request");
        assertOAuthError(requestToken(client, DEMOGRAPHICS), 400, "invalid_scope");
        assertOAuthError(requestToken(client, CORE + " " + ROSTER), 400, "invalid_scope");
        assertOAuthError(
                given().auth()
                        .preemptive()
                        .basic(client.clientId(), client.clientSecret())
                        .formParam("grant_type", "client_credentials")
                        .formParam("client_id", client.clientId())
                        .post(TOKEN_PATH),
                400,
                "invalid_request");
    }

    @Test
    void aTokenExpiresAfterItsConfiguredLifetime() {
        String token = OneRosterFixtures.token(CORE);
        given().auth()
                .oauth2(token)
                .get(OneRosterFixtures.BASE + "/orgs")
                .then()
                .statusCode(200);

        MovableClock.INSTANCE.advance(Duration.ofMinutes(59));
        given().auth()
                .oauth2(token)
                .get(OneRosterFixtures.BASE + "/orgs")
                .then()
                .statusCode(200);

        MovableClock.INSTANCE.advance(Duration.ofMinutes(1));
        Response expired = given().auth().oauth2(token).get(OneRosterFixtures.BASE + "/orgs");
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.jsonPath().getString("imsx_CodeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldValue"))
                .isEqualTo("unauthorisedrequest");
    }

    private static void assertOAuthError(Response response, int status, String error) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.jsonPath().getString("error")).isEqualTo(error);
    }
}
