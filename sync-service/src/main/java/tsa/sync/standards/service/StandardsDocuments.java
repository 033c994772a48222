package tsa.sync.standards.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tsa.sync.edfi.service.EdFiResources;
import tsa.sync.oneroster.query.RosterCollection;

/**
 * The standards' own OpenAPI documents (1EdTech's OneRoster 1.2 Rostering, Ed-Fi's Data Standard 5.0 resources),
 * narrowed to the operations sync-service serves and pointed at where it serves them, for Swagger UI and for clients
 * that generate code from them. Everything else in them (schemas, parameters, descriptions) is the standard's text,
 * unchanged. Read from the classpath ({@code META-INF/standards/}) once, on first use.
 */
@ApplicationScoped
public class StandardsDocuments {

    public static final String ONEROSTER_BASE = "/ims/oneroster/rostering/v1p2";
    public static final String ONEROSTER_TOKEN = "/ims/oneroster/oauth/token";
    public static final String EDFI_BASE = "/edfi/data/v3";
    public static final String EDFI_TOKEN = "/edfi/oauth/token";

    /** The document's name in this API, and what builds it. */
    public enum Standard {
        ONEROSTER("oneroster-1.2-rostering-openapi.json"),
        EDFI("resources-ds-5.0.yaml");

        private final String resource;

        Standard(String resource) {
            this.resource = resource;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Map<Standard, JsonNode> documents = new ConcurrentHashMap<>();

    public JsonNode document(Standard standard) {
        return documents.computeIfAbsent(standard, StandardsDocuments::build);
    }

    /** The paths (relative to the server URL) sync-service implements for the standard. */
    public static Set<String> servedPaths(Standard standard) {
        Stream<String> collections = switch (standard) {
            case ONEROSTER -> RosterCollection.ALL.stream().map(collection -> "/" + collection.path());
            case EDFI ->
                Stream.of(EdFiResources.SCHOOLS, EdFiResources.STUDENTS, EdFiResources.ASSOCIATIONS)
                        .map(resource -> "/ed-fi/" + resource);
        };
        String item = standard == Standard.ONEROSTER ? "/{sourcedId}" : "/{id}";
        return collections.flatMap(path -> Stream.of(path, path + item)).collect(Collectors.toUnmodifiableSet());
    }

    private static JsonNode build(Standard standard) {
        ObjectNode document = read(standard);
        Set<String> served = servedPaths(standard);
        Iterator<String> paths = document.path("paths").fieldNames();
        while (paths.hasNext()) {
            if (!served.contains(paths.next())) {
                paths.remove();
            }
        }
        String base = standard == Standard.ONEROSTER ? ONEROSTER_BASE : EDFI_BASE;
        String token = standard == Standard.ONEROSTER ? ONEROSTER_TOKEN : EDFI_TOKEN;
        document.set(
                "servers",
                JSON.valueToTree(List.of(
                        Map.of("url", base, "description", "This sync-service (the ingress routes the same path)"))));
        // Swagger UI's Authorize asks this endpoint for a client-credentials token.
        for (JsonNode scheme : document.path("components").path("securitySchemes")) {
            JsonNode flow = scheme.path("flows").path("clientCredentials");
            if (flow instanceof ObjectNode clientCredentials) {
                clientCredentials.put("tokenUrl", token);
            }
        }
        return document;
    }

    private static ObjectNode read(Standard standard) {
        String location = "META-INF/standards/" + standard.resource;
        ObjectMapper reader = standard.resource.endsWith(".json") ? JSON : YAML;
        try (InputStream in = StandardsDocuments.class.getClassLoader().getResourceAsStream(location)) {
            if (in == null) {
                throw new IllegalStateException(location + " is not on the classpath");
            }
            return (ObjectNode) reader.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + location, e);
        }
    }
}
