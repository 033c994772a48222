package tsa.sync.oneroster;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import tsa.sync.AdminServiceStub;
import tsa.sync.SyncFixtures;
import tsa.testsupport.ProjectLayout;

/** API clients and tokens as a district's tool would get them, and the official OneRoster document. */
public final class OneRosterFixtures {

    public static final String ROSTER = "https://purl.imsglobal.org/spec/or/v1p2/scope/roster.readonly";
    public static final String CORE = "https://purl.imsglobal.org/spec/or/v1p2/scope/roster-core.readonly";
    public static final String DEMOGRAPHICS =
            "https://purl.imsglobal.org/spec/or/v1p2/scope/roster-demographics.readonly";
    public static final String BASE = "/ims/oneroster/rostering/v1p2";
    public static final String TOKEN_PATH = "/ims/oneroster/oauth/token";

    public record Client(String clientId, String clientSecret) {}

    private OneRosterFixtures() {}

    /** The official 1EdTech OneRoster 1.2 Rostering OpenAPI document vendored in contracts/standards. */
    public static Path officialDocument() {
        return ProjectLayout.root().resolve("contracts/standards/oneroster-1.2-rostering-openapi.json");
    }

    public static Client newClient(String... scopes) {
        AdminServiceStub.recordsAudits();
        Response created = given().auth()
                .oauth2(SyncFixtures.admin())
                .contentType(ContentType.JSON)
                .body(Map.of("name", "district tool", "scopes", List.of(scopes)))
                .post("/api/sync/api-clients");
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        return new Client(
                created.jsonPath().getString("clientId"), created.jsonPath().getString("clientSecret"));
    }

    public static Response requestToken(Client client, String scope) {
        var request = given().auth()
                .preemptive()
                .basic(client.clientId(), client.clientSecret())
                .formParam("grant_type", "client_credentials");
        if (scope != null) {
            request = request.formParam("scope", scope);
        }
        return request.post(TOKEN_PATH);
    }

    public static String token(String... scopes) {
        Client client = newClient(scopes);
        Response response = requestToken(client, null);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return response.jsonPath().getString("access_token");
    }

    /** A token from the Ed-Fi token endpoint for a new client with these scopes (HTTP Basic credentials). */
    public static String edFiToken(String... scopes) {
        Client client = newClient(scopes);
        Response response = given().auth()
                .preemptive()
                .basic(client.clientId(), client.clientSecret())
                .formParam("grant_type", "client_credentials")
                .post("/edfi/oauth/token");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        assertThat(response.jsonPath().getString("token_type")).isEqualTo("Bearer");
        assertThat(response.jsonPath().getLong("expires_in")).isPositive();
        return response.jsonPath().getString("access_token");
    }
}
