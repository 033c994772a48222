package tsa.sync.standards;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tsa.sync.StubServices;
import tsa.sync.oneroster.OneRosterFixtures;
import tsa.testsupport.ContractResponses;
import tsa.testsupport.RealDataStores;

/**
 * The standards APIs are described by their own OpenAPI documents, narrowed to what sync-service serves: a developer
 * in Swagger UI (or a client generator) sees exactly the operations that answer, at the URLs that answer them.
 */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
@QuarkusTestResource(StubServices.class)
class StandardsDocumentsTest {

    static final String ONEROSTER_DOCUMENT = "/api/sync/standards/oneroster-1.2.json";
    static final String EDFI_DOCUMENT = "/api/sync/standards/ed-fi-ds-5.0.json";

    @Test
    void theOneRosterDocumentListsExactlyTheServedOperationsAtTheServedBase() throws IOException {
        Response document = given().get(ONEROSTER_DOCUMENT);

        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.jsonPath().getString("info.title")).contains("OneRoster");
        Map<String, Object> paths = document.jsonPath().getMap("paths");
        assertThat(paths.keySet())
                .containsExactlyInAnyOrder(
                        "/orgs",
                        "/orgs/{sourcedId}",
                        "/schools",
                        "/schools/{sourcedId}",
                        "/users",
                        "/users/{sourcedId}",
                        "/students",
                        "/students/{sourcedId}",
                        "/teachers",
                        "/teachers/{sourcedId}");
        assertThat(document.jsonPath().getList("servers.url")).containsExactly("/ims/oneroster/rostering/v1p2");
        assertThat(document.jsonPath()
                        .getString("components.securitySchemes.OAuth2CC.flows.clientCredentials.tokenUrl"))
                .isEqualTo("/ims/oneroster/oauth/token");

        // Every collection listed answers at the listed base, and its answer is valid against the served document
        // (which therefore still resolves every schema it references).
        Path served = Files.createTempFile("oneroster-served", ".json");
        Files.writeString(served, document.asString());
        String token = OneRosterFixtures.token(OneRosterFixtures.ROSTER);
        for (String path : List.of("/orgs", "/schools", "/users", "/students", "/teachers")) {
            Response page =
                    given().auth().oauth2(token).queryParam("limit", 2).get("/ims/oneroster/rostering/v1p2" + path);
            assertThat(page.statusCode()).as(path + ": " + page.asString()).isEqualTo(200);
            ContractResponses.assertValid(served, "GET", path, 200, page.asString());
        }
    }

    @Test
    void theEdFiDocumentListsExactlyTheServedResourcesAtTheServedBase() {
        Response document = given().get(EDFI_DOCUMENT);

        assertThat(document.statusCode()).isEqualTo(200);
        Map<String, Object> paths = document.jsonPath().getMap("paths");
        assertThat(paths.keySet())
                .containsExactlyInAnyOrder(
                        "/ed-fi/schools",
                        "/ed-fi/schools/{id}",
                        "/ed-fi/students",
                        "/ed-fi/students/{id}",
                        "/ed-fi/studentSchoolAssociations",
                        "/ed-fi/studentSchoolAssociations/{id}");
        assertThat(document.jsonPath().getList("servers.url")).containsExactly("/edfi/data/v3");
        assertThat(
                        document.jsonPath()
                                .getString(
                                        "components.securitySchemes.oauth2_client_credentials.flows.clientCredentials.tokenUrl"))
                .isEqualTo("/edfi/oauth/token");
        // The schemas the served operations name are still there.
        assertThat(document.jsonPath().getMap("components.schemas").keySet())
                .contains("edFi_school", "edFi_student", "edFi_studentSchoolAssociation");
        // The operations listed for schools are the ones the resource answers.
        assertThat(document.jsonPath().getMap("paths.'/ed-fi/schools'").keySet())
                .contains("get", "post");
        assertThat(document.jsonPath().getMap("paths.'/ed-fi/schools/{id}'").keySet())
                .contains("get", "put", "delete");

        String token = OneRosterFixtures.edFiToken("urn:tsa:edfi:data.readonly");
        for (String resource : Set.of("schools", "students", "studentSchoolAssociations")) {
            Response page = given().auth().oauth2(token).get("/edfi/data/v3/ed-fi/" + resource);
            assertThat(page.statusCode()).as(resource + ": " + page.asString()).isEqualTo(200);
        }
    }

    @Test
    void edFiDiscoveryPointsAtTheDataStandardDocument() {
        Response discovery = given().get("/edfi/");

        assertThat(discovery.statusCode()).isEqualTo(200);
        String metadata = discovery.jsonPath().getString("urls.openApiMetadata");
        assertThat(metadata).endsWith(EDFI_DOCUMENT);
        assertThat(given().get(metadata).statusCode()).isEqualTo(200);
    }

    @Test
    void swaggerUiListsTheContractAndBothStandardsWithTheContractFirst() {
        String ui = given().get("/api/sync/swagger-ui/index.html").asString();

        assertThat(ui).contains("/api/sync/openapi", ONEROSTER_DOCUMENT, EDFI_DOCUMENT);
        assertThat(ui).containsPattern("primaryName\"?\\s*:\\s*['\"]sync-service['\"]");
    }
}
