package tsa.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tsa.testsupport.LocalSystem;
import tsa.testsupport.LocalSystem.Service;

/** HTTP calls to the running services (HTTP/1.1, keep-alive), shared by the setup steps and the load. */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();

    private final LocalSystem system;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    Api(LocalSystem system) {
        this.system = system;
    }

    URI uri(Service service, String pathAndQuery) {
        return URI.create(system.baseUrl(service) + pathAndQuery);
    }

    HttpRequest.Builder request(Service service, String pathAndQuery, String bearer) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(uri(service, pathAndQuery)).timeout(Duration.ofMinutes(10));
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return builder;
    }

    static HttpRequest.BodyPublisher json(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The status only, the body read and dropped: what the load measures. */
    int status(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The whole body as bytes (the page timings read every byte, as a client would). */
    HttpResponse<byte[]> bytes(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A call that must answer {@code expected}; its JSON body. */
    JsonNode expect(int expected, HttpRequest request) {
        HttpResponse<String> response = send(request);
        if (response.statusCode() != expected) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
                    + response.statusCode() + " (expected " + expected + "): " + response.body());
        }
        try {
            return response.body() == null || response.body().isBlank()
                    ? JSON.nullNode()
                    : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + response.body(), e);
        }
    }

    JsonNode postJson(int expected, Service service, String path, String bearer, Object body) {
        return expect(
                expected,
                request(service, path, bearer)
                        .header("Content-Type", "application/json")
                        .POST(json(body))
                        .build());
    }

    JsonNode get(int expected, Service service, String path, String bearer) {
        return expect(expected, request(service, path, bearer).GET().build());
    }

    /** A bearer token of a standards client (OneRoster or Ed-Fi) the admin registers with the given scopes. */
    String standardsToken(String admin, String tokenPath, String... scopes) {
        JsonNode client = postJson(
                201,
                Service.SYNC,
                "/api/sync/api-clients",
                admin,
                Map.of("name", "benchmark", "scopes", java.util.List.of(scopes)));
        String basic = java.util.Base64.getEncoder()
                .encodeToString((client.path("clientId").asText() + ":"
                                + client.path("clientSecret").asText())
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return expect(
                        200,
                        request(Service.SYNC, tokenPath, null)
                                .header("Authorization", "Basic " + basic)
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                                .build())
                .path("access_token")
                .asText();
    }
}
