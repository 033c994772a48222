package tsa.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tsa.testsupport.ContractOperations;
import tsa.testsupport.LocalSystem.Service;

/**
 * An operation of an OpenAPI document that the fuzz calls: where it is served, its parameters and the schema of its
 * body, with the document it came from (to resolve {@code $ref}s). Read from the four contracts in {@code contracts/}
 * and from the standards' documents as sync-service serves them.
 */
record FuzzedOperation(
        Service service,
        Api api,
        String method,
        String path,
        String operationId,
        List<String> roles,
        List<String> callers,
        List<Parameter> parameters,
        JsonNode bodySchema,
        String bodyMediaType,
        JsonNode document) {

    /** Whose error format a 4xx answer must have. */
    enum Api {
        PORTAL,
        ONEROSTER,
        EDFI
    }

    record Parameter(String name, String in, boolean required, JsonNode schema) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    boolean isSafe() {
        return method.equals("GET");
    }

    String describe() {
        return (operationId == null ? "" : operationId + " ") + method + " " + path;
    }

    /** The operations of one of the four contracts. */
    static List<FuzzedOperation> ofContract(Service service) {
        return read(service, Api.PORTAL, ContractOperations.read(ContractOperations.contract(service.moduleName)), "");
    }

    /** The operations of a standards document served by sync-service, under the base path of its first server. */
    static List<FuzzedOperation> ofServedStandard(Api api, String documentJson) {
        try {
            JsonNode document = JSON.readTree(documentJson);
            String base = URI.create(
                            document.path("servers").path(0).path("url").asText("/"))
                    .getPath();
            return read(Service.SYNC, api, document, base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The two client-credentials token endpoints, which no document lists as a path (they are the {@code tokenUrl} of
     * the standards' security schemes): a form body with {@code grant_type}, client id and secret.
     */
    static List<FuzzedOperation> tokenEndpoints() {
        ObjectNode form = JSON.createObjectNode().put("type", "object");
        ObjectNode properties = form.putObject("properties");
        properties
                .putObject("grant_type")
                .put("type", "string")
                .putArray("enum")
                .add("client_credentials");
        for (String name : List.of("client_id", "client_secret", "scope")) {
            properties.putObject(name).put("type", "string");
        }
        List<FuzzedOperation> tokens = new ArrayList<>();
        for (var path : List.of(
                Map.entry(Api.ONEROSTER, "/ims/oneroster/oauth/token"), Map.entry(Api.EDFI, "/edfi/oauth/token"))) {
            tokens.add(new FuzzedOperation(
                    Service.SYNC,
                    path.getKey(),
                    "POST",
                    path.getValue(),
                    "token",
                    List.of(),
                    List.of(),
                    List.of(),
                    form,
                    "application/x-www-form-urlencoded",
                    form));
        }
        return tokens;
    }

    private static List<FuzzedOperation> read(Service service, Api api, JsonNode document, String base) {
        List<FuzzedOperation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> p = document.path("paths").fields(); p.hasNext(); ) {
            Map.Entry<String, JsonNode> path = p.next();
            List<Parameter> shared = parameters(document, path.getValue().path("parameters"));
            for (Iterator<Map.Entry<String, JsonNode>> m = path.getValue().fields(); m.hasNext(); ) {
                Map.Entry<String, JsonNode> method = m.next();
                if (!METHODS.contains(method.getKey())) {
                    continue;
                }
                JsonNode op = method.getValue();
                List<Parameter> parameters = new ArrayList<>(shared);
                parameters.addAll(parameters(document, op.path("parameters")));
                JsonNode body = null;
                String mediaType = null;
                JsonNode content = ContractOperations.resolve(document, op.path("requestBody"))
                        .path("content");
                if (content.fields().hasNext()) {
                    Map.Entry<String, JsonNode> first = content.fields().next();
                    mediaType = first.getKey();
                    body = first.getValue().path("schema");
                }
                List<String> roles = new ArrayList<>();
                op.path("x-roles").forEach(r -> roles.add(r.asText()));
                List<String> callers = new ArrayList<>();
                op.path("x-callers").forEach(c -> callers.add(c.asText()));
                operations.add(new FuzzedOperation(
                        service,
                        api,
                        method.getKey().toUpperCase(),
                        base + path.getKey(),
                        op.path("operationId").asText(null),
                        List.copyOf(roles),
                        List.copyOf(callers),
                        List.copyOf(parameters),
                        body,
                        mediaType,
                        document));
            }
        }
        return operations;
    }

    private static List<Parameter> parameters(JsonNode document, JsonNode list) {
        List<Parameter> parameters = new ArrayList<>();
        for (JsonNode parameter : list) {
            JsonNode resolved = ContractOperations.resolve(document, parameter);
            parameters.add(new Parameter(
                    resolved.path("name").asText(),
                    resolved.path("in").asText(),
                    resolved.path("required").asBoolean(false),
                    resolved.path("schema")));
        }
        return parameters;
    }
}
