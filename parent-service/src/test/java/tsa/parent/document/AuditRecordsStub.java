package tsa.parent.document;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The documents tests' view of admin-service's audit records, kept by the module's stand-in of the services
 * parent-service calls ({@link tsa.parent.enrollment.OtherServicesStub}): read the records, switch an outage on and
 * off, over HTTP.
 */
final class AuditRecordsStub {

    static final String URL_KEY = "quarkus.rest-client.admin_service_yaml.url";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private AuditRecordsStub() {}

    /** Where the running stub is: the application's own configuration says (whatever the class loader). */
    private static String baseUrl() {
        return ConfigProvider.getConfig().getValue(URL_KEY, String.class);
    }

    /** The records received so far (read over HTTP from the running stub). */
    static List<Map<String, Object>> records() {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(baseUrl() + "/control/records"))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readValue(response.body(), new TypeReference<List<Map<String, Object>>>() {});
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The records about one resource (a document id, a parent address). */
    static List<Map<String, Object>> recordsAbout(String documentId) {
        return records().stream()
                .filter(r -> documentId.equals(r.get("resourceId")))
                .toList();
    }

    static void outage(boolean on) {
        try {
            HTTP.send(
                    HttpRequest.newBuilder(URI.create(baseUrl() + "/control/outage"))
                            .method(on ? "PUT" : "DELETE", HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
