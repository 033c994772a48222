package tsa.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks an answer that a stand-in of another service gives against that service's contract in {@code contracts/}:
 * the operation (method and path) must be in the contract, must declare the status, and the body must validate
 * against the declared response schema (OpenAPI 3.0 schemas, {@code $ref}s into {@code components} included). A
 * stand-in that drifts from the contract fails its tests instead of proving a client against answers that the real
 * service never gives.
 */
public final class ContractResponses {

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * OpenAPI 3.0's dialect, less the {@code email} format check: the validator accepts only addresses under a real
     * top-level domain, and the platform's test addresses live under the reserved {@code .example}.
     */
    private static final SchemaRegistry SCHEMAS =
            SchemaRegistry.withDefaultDialect(Dialect.builder(Dialects.getOpenApi30())
                    .formats(formats -> formats.remove("email"))
                    .build());

    private static final Map<Path, JsonNode> CONTRACTS = new ConcurrentHashMap<>();

    private ContractResponses() {}

    /** Throws an {@link AssertionError} naming what is wrong unless the answer is one the contract allows. */
    public static void assertValid(Path contract, String method, String path, int status, String body) {
        JsonNode document = CONTRACTS.computeIfAbsent(contract, ContractOperations::read);
        String where = contract.getFileName() + " " + method + " " + path + " -> " + status;
        JsonNode operation = operation(document, method.toLowerCase(), path);
        if (operation == null) {
            throw new AssertionError(where + ": no such operation in the contract");
        }
        JsonNode responses = operation.path("responses");
        JsonNode response = responses.has(Integer.toString(status))
                ? responses.get(Integer.toString(status))
                : responses.get("default");
        if (response == null) {
            throw new AssertionError(where + ": the contract declares no " + status + " for this operation");
        }
        response = ContractOperations.resolve(document, response);
        JsonNode content = response.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            if (body != null && !body.isEmpty()) {
                throw new AssertionError(where + ": the contract declares no body, the stand-in sent " + body);
            }
            return;
        }
        JsonNode media = content.has("application/json")
                ? content.get("application/json")
                : content.elements().next();
        JsonNode instance;
        try {
            instance = JSON.readTree(body == null ? "" : body);
        } catch (IOException e) {
            throw new AssertionError(where + ": the body is not JSON: " + body, e);
        }
        if (instance == null || instance.isMissingNode()) {
            throw new AssertionError(where + ": the contract declares a body, the stand-in sent none");
        }
        List<Error> errors = schema(document, media.path("schema")).validate(instance);
        if (!errors.isEmpty()) {
            throw new AssertionError(where + ": the body does not match the contract: "
                    + errors.stream().map(Error::toString).toList() + " in " + body);
        }
    }

    /** {@link #assertValid} for a body written from an object (a map, a list, a record). */
    public static void assertValid(Path contract, String method, String path, int status, Object body) {
        try {
            assertValid(contract, method, path, status, body == null ? null : JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode operation(JsonNode document, String method, String path) {
        for (Iterator<Map.Entry<String, JsonNode>> paths =
                        document.path("paths").fields();
                paths.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = paths.next();
            String pattern = entry.getKey().replaceAll("\\{[^}]*}", "[^/]+");
            if (path.matches(pattern) && entry.getValue().has(method)) {
                return entry.getValue().get(method);
            }
        }
        return null;
    }

    /** The response schema, with the contract's components beside it so that its local $refs resolve. */
    private static Schema schema(JsonNode document, JsonNode responseSchema) {
        ObjectNode root = JSON.createObjectNode();
        root.putArray("allOf").add(responseSchema);
        root.set("components", document.path("components"));
        return SCHEMAS.getSchema(root);
    }
}
