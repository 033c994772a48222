package tsa.sync.reconciliation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tsa.testsupport.ContractOperations;
import tsa.testsupport.ContractResponses;
import tsa.testsupport.Eventually;

/**
 * Runs a reconciliation the way an admin does, over HTTP through the real background path: {@code POST} (202, a
 * {@code Location}), then {@code GET} that location until the run has finished. Every answer is checked against
 * sync-service's own contract.
 */
final class ReconciliationRuns {

    static final String PATH = "/api/sync/reconciliations";
    private static final Path CONTRACT = ContractOperations.contract("sync-service");

    private ReconciliationRuns() {}

    /** Starts a run and answers with its finished report. */
    static JsonPath run(String token, String repair) {
        return awaitFinished(token, start(token, repair).getString("reconciliationId"));
    }

    /** {@code POST}: 202 with the run's report as it stands and its {@code Location}. */
    static JsonPath start(String token, String repair) {
        Response response =
                given().auth().oauth2(token).queryParam("repair", repair).post(PATH);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(202);
        ContractResponses.assertValid(CONTRACT, "POST", PATH, 202, response.asString());
        String id = response.jsonPath().getString("reconciliationId");
        assertThat(response.header("Location")).endsWith(PATH + "/" + id);
        return response.jsonPath();
    }

    /** {@code GET} by id until the run is no longer {@code running}. */
    static JsonPath awaitFinished(String token, String id) {
        JsonPath report = Eventually.value(() -> read(token, id), r -> !"running".equals(r.getString("status")));
        assertThat(report.getString("status")).as("reconciliation " + id).isNotEqualTo("running");
        return report;
    }

    static JsonPath read(String token, String id) {
        Response response = given().auth().oauth2(token).get(PATH + "/" + id);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        ContractResponses.assertValid(CONTRACT, "GET", PATH + "/" + id, 200, response.asString());
        return response.jsonPath();
    }

    static JsonPath latest(String token) {
        Response response = given().auth().oauth2(token).get(PATH + "/latest");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        ContractResponses.assertValid(CONTRACT, "GET", PATH + "/latest", 200, response.asString());
        return response.jsonPath();
    }

    static Optional<JsonPath> found(JsonPath report, String kind, String resourceId) {
        List<Map<String, Object>> all = report.getList("discrepancies");
        for (int i = 0; i < all.size(); i++) {
            if (kind.equals(all.get(i).get("kind"))
                    && resourceId.equals(all.get(i).get("resourceId"))) {
                return Optional.of(new JsonPath(report.prettify()).setRootPath("discrepancies[" + i + "]"));
            }
        }
        return Optional.empty();
    }
}
