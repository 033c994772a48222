package tsa.systemtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import tsa.testsupport.ContractOperations;

/**
 * Generates hostile requests from OpenAPI documents: for an operation, a request that is valid by its schema, then
 * broken in one way ({@link Mutation}) and sent as one kind of caller ({@link Caller}). The operation, the mutation,
 * the caller, a hostile string (jqwik's strings over all of Unicode, control characters, a corpus of traversal and
 * injection payloads) and a seed for the remaining choices are drawn by jqwik; everything else follows from them, so a
 * request is reproduced from the fuzz's seed.
 */
final class HostileRequests {

    /** How a request is broken. {@code VALID} is left as the schema describes it (and may be accepted). */
    enum Mutation {
        VALID,
        WRONG_TYPE,
        MISSING_REQUIRED,
        EXTRA_FIELD,
        HUGE_STRING,
        HUGE_ARRAY,
        DEEP_NESTING,
        INVALID_UTF8,
        BAD_DATE,
        EXTREME_NUMBER,
        UNKNOWN_ENUM,
        HOSTILE_TEXT,
        NOT_JSON,
        WRONG_CONTENT_TYPE,
        HOSTILE_PATH,
        HOSTILE_QUERY,
        HOSTILE_HEADERS
    }

    /** Who sends it: nobody, a forged or malformed token, a caller the operation names, or one it does not. */
    enum Caller {
        ANONYMOUS,
        GARBAGE_TOKEN,
        ALLOWED,
        OTHER
    }

    /** A request ready to send, and what it was made from. */
    record HostileRequest(
            FuzzedOperation operation,
            Mutation mutation,
            Caller caller,
            String target,
            Map<String, String> headers,
            byte[] body) {

        String describe() {
            String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
            return operation.describe() + " [" + mutation + ", " + caller + "] " + abbreviate(target) + " "
                    + headers.keySet() + " " + abbreviate(text);
        }
    }

    static final List<String> CORPUS = List.of(
            "../../../../etc/passwd",
            "..%2F..%2F..%2Fetc%2Fpasswd",
            "%2e%2e%2f%2e%2e%2f",
            "....//....//",
            "' OR '1'='1",
            "1; DROP TABLE users; --",
            "\") OR 1=1 --",
            "NUL\u0000name",
            "\u0000",
            "%00",
            "%%%",
            "%",
            "%zz",
            "${jndi:ldap://127.0.0.1/a}",
            "#{7*7}",
            "<script>alert(1)</script>",
            "\uD83D\uDE00\uD83C\uDFC8",
            "\u202Efdp.exe",
            "\uFFFF\uFFFE",
            "\uD800",
            "line\r\nX-Injected: yes",
            "tab\tand\bbell\u0007",
            "null",
            "true",
            "-1",
            "0",
            "99999999999999999999999999",
            "1e309",
            "NaN",
            "",
            " ",
            "*",
            "roles.role='x' OR 1=1",
            "email~'%'",
            "{\"$gt\": \"\"}",
            "admin@tsa.example",
            "a".repeat(300),
            "Ünïcödé naïve café",
            "\u0130\u0131 dotted",
            "ᚠᛇᚻ᛫ᛒᛦᚦ");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<FuzzedOperation> operations;
    private final Map<String, String> tokens;
    private final Map<String, String> knownIds;

    /**
     * @param tokens a token by role ({@code admin}, {@code coach}, {@code parent}, {@code service}), by service name and by
     *     standard ({@code ONEROSTER}, {@code EDFI})
     * @param knownIds real ids of the fuzz's own people and resources, by parameter or property name
     */
    HostileRequests(List<FuzzedOperation> operations, Map<String, String> tokens, Map<String, String> knownIds) {
        this.operations = List.copyOf(operations);
        this.tokens = Map.copyOf(tokens);
        this.knownIds = Map.copyOf(knownIds);
    }

    Arbitrary<HostileRequest> requests() {
        return Combinators.combine(
                        Arbitraries.of(operations),
                        Arbitraries.of(Mutation.class),
                        // mostly allowed callers, so that most requests get past authentication to the rules
                        Arbitraries.frequency(
                                Tuple.of(5, Caller.ALLOWED),
                                Tuple.of(2, Caller.OTHER),
                                Tuple.of(1, Caller.ANONYMOUS),
                                Tuple.of(1, Caller.GARBAGE_TOKEN)),
                        hostileText(),
                        Arbitraries.longs())
                .as((operation, mutation, caller, text, seed) ->
                        build(operation, mutation, caller, text, new Random(seed)));
    }

    /** Strings no form should take whole: any Unicode, control characters, the corpus, long runs. */
    static Arbitrary<String> hostileText() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings()
                        .withCharRange('\u0000', '\u001f')
                        .ofMinLength(1)
                        .ofMaxLength(8),
                Arbitraries.of(CORPUS),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(6).map(s -> s.repeat(1_000)));
    }

    private HostileRequest build(
            FuzzedOperation operation, Mutation requested, Caller caller, String text, Random random) {
        Mutation mutation = applicable(operation, requested);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json, application/problem+json");
        String token = token(operation, caller, random);
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }

        String path = operation.path();
        StringBuilder query = new StringBuilder();
        // one hostile query value per request: many of them would only test the 64K backstop of the HTTP layer
        boolean hostileQueryPlaced = false;
        for (FuzzedOperation.Parameter parameter : operation.parameters()) {
            switch (parameter.in()) {
                case "path" -> {
                    String value = mutation == Mutation.HOSTILE_PATH
                            ? encodeHostile(text, random)
                            : encode(pathValue(parameter, operation, random));
                    path = path.replace("{" + parameter.name() + "}", value);
                }
                case "query" -> {
                    boolean include =
                            parameter.required() || random.nextInt(3) == 0 || mutation == Mutation.HOSTILE_QUERY;
                    if (include) {
                        boolean hostile =
                                mutation == Mutation.HOSTILE_QUERY && !hostileQueryPlaced && random.nextBoolean();
                        hostileQueryPlaced |= hostile;
                        String value = hostile
                                ? encodeHostile(text, random)
                                : encode(valid(operation, parameter.schema(), parameter.name(), random, 0)
                                        .asText());
                        query.append(query.isEmpty() ? "?" : "&")
                                .append(encode(parameter.name()))
                                .append('=')
                                .append(value);
                    }
                }
                case "header" -> {
                    if (parameter.required() || random.nextBoolean()) {
                        headers.put(
                                parameter.name(),
                                mutation == Mutation.HOSTILE_HEADERS ? "\"" + ascii(text) + "\"" : "\"0\"");
                    }
                }
                default -> {}
            }
        }
        if (mutation == Mutation.HOSTILE_QUERY && !hostileQueryPlaced) {
            query.append(query.isEmpty() ? "?" : "&")
                    .append(random.nextBoolean() ? "unexpected" : "limit")
                    .append('=')
                    .append(encodeHostile(text, random));
        }
        if (mutation == Mutation.HOSTILE_HEADERS) {
            headers.put(
                    "Authorization",
                    List.of("Bearer", "Bearer ", "Basic !!!", "Bearer a.b.c", "Bearer " + ascii(text), "Digest x")
                            .get(random.nextInt(6)));
            headers.put("If-Match", "\"" + ascii(text) + "\"");
            headers.put("X-Forwarded-For", ascii(text));
            headers.put("Accept-Language", ascii(text));
        }

        byte[] body = null;
        if (operation.bodySchema() != null) {
            boolean form = "application/x-www-form-urlencoded".equals(operation.bodyMediaType());
            headers.put("Content-Type", form ? "application/x-www-form-urlencoded" : "application/json");
            JsonNode value = valid(operation, operation.bodySchema(), "body", random, 0);
            body = form ? formBody(value, mutation, text, random) : jsonBody(operation, value, mutation, text, random);
            if (mutation == Mutation.WRONG_CONTENT_TYPE) {
                headers.put(
                        "Content-Type",
                        List.of(
                                        "text/plain",
                                        "application/xml",
                                        "application/json; charset=EBCDIC",
                                        "multipart/form-data",
                                        "application/x-www-form-urlencoded",
                                        "*/*",
                                        "application/json;;;")
                                .get(random.nextInt(7)));
            }
        }
        return new HostileRequest(operation, mutation, caller, path + query, headers, body);
    }

    /** A mutation that has something to break: body mutations on an operation without a body break its query. */
    private static Mutation applicable(FuzzedOperation operation, Mutation mutation) {
        boolean bodyMutation = switch (mutation) {
            case VALID, HOSTILE_PATH, HOSTILE_QUERY, HOSTILE_HEADERS -> false;
            default -> true;
        };
        if (!bodyMutation || operation.bodySchema() != null) {
            return mutation;
        }
        return List.of(Mutation.HOSTILE_PATH, Mutation.HOSTILE_QUERY, Mutation.HOSTILE_HEADERS, Mutation.VALID)
                .get(mutation.ordinal() % 4);
    }

    private String token(FuzzedOperation operation, Caller caller, Random random) {
        return switch (caller) {
            case ANONYMOUS -> null;
            case GARBAGE_TOKEN ->
                List.of(
                                "garbage",
                                "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.",
                                "a.b.c",
                                tokens.get("admin")
                                                .substring(
                                                        0, tokens.get("admin").length() - 4) + "AAAA")
                        .get(random.nextInt(4));
            case ALLOWED -> allowedToken(operation, random);
            case OTHER -> {
                List<String> all = new ArrayList<>(tokens.values());
                yield all.get(random.nextInt(all.size()));
            }
        };
    }

    private String allowedToken(FuzzedOperation operation, Random random) {
        if (operation.api() != FuzzedOperation.Api.PORTAL) {
            return tokens.get(operation.api().name());
        }
        List<String> names = new ArrayList<>(operation.callers());
        names.addAll(operation.roles());
        if (names.isEmpty()) {
            return null;
        }
        return tokens.get(names.get(random.nextInt(names.size())));
    }

    private String pathValue(FuzzedOperation.Parameter parameter, FuzzedOperation operation, Random random) {
        String known = knownIds.get(operation.service().moduleName + ":" + parameter.name());
        if (known == null) {
            known = knownIds.get(parameter.name());
        }
        if (known != null && random.nextInt(4) > 0) {
            return known;
        }
        return valid(operation, parameter.schema(), parameter.name(), random, 0)
                .asText(UUID.randomUUID().toString());
    }

    /** A value the schema accepts: its example, an enum value, or one of the type and format. */
    private JsonNode valid(FuzzedOperation operation, JsonNode schemaOrRef, String name, Random random, int depth) {
        JsonNode schema = ContractOperations.resolve(operation.document(), schemaOrRef);
        if (schema.has("allOf")) {
            ObjectNode merged = NODES.objectNode();
            for (JsonNode part : schema.get("allOf")) {
                JsonNode value = valid(operation, part, name, random, depth);
                if (value.isObject()) {
                    merged.setAll((ObjectNode) value);
                }
            }
            return merged;
        }
        for (String choice : List.of("oneOf", "anyOf")) {
            if (schema.has(choice) && !schema.get(choice).isEmpty()) {
                return valid(operation, schema.get(choice).get(0), name, random, depth);
            }
        }
        String known = knownIds.get(name);
        if (known != null) {
            return NODES.textNode(known);
        }
        if (schema.hasNonNull("example")) {
            return schema.get("example");
        }
        if (schema.has("enum") && !schema.get("enum").isEmpty()) {
            return schema.get("enum").get(random.nextInt(schema.get("enum").size()));
        }
        String type = schema.path("type").isArray()
                ? schema.path("type").path(0).asText()
                : schema.path("type").asText(schema.has("properties") ? "object" : "string");
        switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                List<String> required = new ArrayList<>();
                schema.path("required").forEach(r -> required.add(r.asText()));
                for (Iterator<Map.Entry<String, JsonNode>> p =
                                schema.path("properties").fields();
                        p.hasNext(); ) {
                    Map.Entry<String, JsonNode> property = p.next();
                    if (required.contains(property.getKey()) || (depth < 3 && random.nextBoolean())) {
                        object.set(
                                property.getKey(),
                                valid(operation, property.getValue(), property.getKey(), random, depth + 1));
                    }
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                int size = Math.max(1, schema.path("minItems").asInt(1));
                for (int i = 0; i < size && depth < 5; i++) {
                    array.add(valid(operation, schema.path("items"), name, random, depth + 1));
                }
                return array;
            }
            case "integer" -> {
                return NODES.numberNode(schema.path("minimum").asLong(1));
            }
            case "number" -> {
                return NODES.numberNode(schema.path("minimum").asDouble(1.5));
            }
            case "boolean" -> {
                return NODES.booleanNode(true);
            }
            default -> {
                return NODES.textNode(text(schema, name, random));
            }
        }
    }

    private static String text(JsonNode schema, String name, Random random) {
        String value = switch (schema.path("format").asText()) {
            case "email" -> "fuzz-" + Integer.toHexString(random.nextInt()) + "@example.com";
            case "date" -> LocalDate.now().plusDays(7 + random.nextInt(30)).toString();
            case "date-time" -> "2026-12-01T10:00:00Z";
            case "uuid" -> new UUID(random.nextLong(), random.nextLong()).toString();
            case "uri" -> "https://example.com/" + name;
            default -> name.toLowerCase().contains("time") ? "10:00" : "Fuzz " + name;
        };
        int min = schema.path("minLength").asInt(0);
        return value.length() >= min ? value : value + "x".repeat(min - value.length());
    }

    private byte[] jsonBody(FuzzedOperation operation, JsonNode valid, Mutation mutation, String text, Random random) {
        JsonNode body = valid.deepCopy();
        switch (mutation) {
            case WRONG_TYPE -> body = replaceSomewhere(body, random, current -> wrongType(current, random));
            case MISSING_REQUIRED -> removeSomewhere(body, random);
            case EXTRA_FIELD -> {
                if (body instanceof ObjectNode object) {
                    object.put("unexpected" + random.nextInt(100), text);
                } else {
                    body = NODES.objectNode().put("unexpected", text);
                }
            }
            case HUGE_STRING ->
                body = replaceSomewhere(
                        body,
                        random,
                        current -> NODES.textNode(
                                text.isEmpty()
                                        ? "x".repeat(100_000)
                                        : text.repeat(Math.max(1, 100_000 / text.length()))
                                                .substring(
                                                        0,
                                                        Math.min(
                                                                100_000,
                                                                text.length()
                                                                        * Math.max(1, 100_000 / text.length())))));
            case HUGE_ARRAY ->
                body = replaceSomewhere(body, random, current -> {
                    ArrayNode array = NODES.arrayNode();
                    for (int i = 0; i < 20_000; i++) {
                        array.add(i % 2 == 0 ? NODES.numberNode(i) : NODES.textNode("x"));
                    }
                    return array;
                });
            case BAD_DATE ->
                body = replaceSomewhere(
                        body,
                        random,
                        current -> NODES.textNode(List.of(
                                        "2023-02-30",
                                        "31/12/2020",
                                        "2020-13-01",
                                        "yesterday",
                                        "99999-12-31",
                                        "2020-01-01T25:00:00Z",
                                        "0000-00-00",
                                        "25:61",
                                        "-0001-01-01",
                                        "2020-W01")
                                .get(random.nextInt(10))));
            case EXTREME_NUMBER ->
                body = replaceSomewhere(body, random, current -> {
                    try {
                        return JSON.readTree(List.of(
                                        "-1",
                                        "-2147483649",
                                        "9223372036854775808",
                                        "1e309",
                                        "0.5",
                                        "-0.0",
                                        "1e-400",
                                        "123456789012345678901234567890",
                                        "-9223372036854775809",
                                        "2147483648")
                                .get(random.nextInt(10)));
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException(e);
                    }
                });
            case UNKNOWN_ENUM ->
                body = replaceSomewhere(
                        body,
                        random,
                        current -> NODES.textNode(
                                current.isTextual()
                                        ? List.of(
                                                        "not-a-" + current.asText(),
                                                        current.asText().toUpperCase(),
                                                        current.asText() + " ")
                                                .get(random.nextInt(3))
                                        : "not-a-value"));
            case HOSTILE_TEXT -> body = replaceSomewhere(body, random, current -> NODES.textNode(text));
            default -> {}
        }
        byte[] bytes = serialize(body);
        return switch (mutation) {
            case DEEP_NESTING -> deeplyNested(random);
            case INVALID_UTF8 -> withInvalidUtf8(bytes, random);
            case NOT_JSON ->
                List.of(
                                "{",
                                "}",
                                "[",
                                "null",
                                "[]",
                                "\"text\"",
                                "",
                                "<xml/>",
                                "{\"a\":}",
                                "{'a':1}",
                                "\uFEFF{}",
                                "{\"a\":1}{\"b\":2}",
                                "  ",
                                "{\"a\":1,}",
                                "[1,2",
                                "{\"a\" 1}",
                                "0x10")
                        .get(random.nextInt(17))
                        .getBytes(StandardCharsets.UTF_8);
            default -> bytes;
        };
    }

    private static byte[] formBody(JsonNode valid, Mutation mutation, String text, Random random) {
        StringBuilder form = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> f = valid.fields(); f.hasNext(); ) {
            Map.Entry<String, JsonNode> field = f.next();
            if (mutation == Mutation.MISSING_REQUIRED && random.nextBoolean()) {
                continue;
            }
            String value = mutation == Mutation.HOSTILE_TEXT && random.nextBoolean()
                    ? text
                    : field.getValue().asText();
            form.append(form.isEmpty() ? "" : "&")
                    .append(encode(field.getKey()))
                    .append('=')
                    .append(encode(value));
        }
        return switch (mutation) {
            case NOT_JSON ->
                List.of("%%%", "=&=&", "grant_type", "a=%zz", "&&&&")
                        .get(random.nextInt(5))
                        .getBytes(StandardCharsets.UTF_8);
            case INVALID_UTF8 -> withInvalidUtf8(form.toString().getBytes(StandardCharsets.UTF_8), random);
            case HUGE_STRING -> (form + "&client_secret=" + "x".repeat(100_000)).getBytes(StandardCharsets.UTF_8);
            default -> form.toString().getBytes(StandardCharsets.UTF_8);
        };
    }

    /** Replaces one node of the tree (the root, or a field or element at any depth) with {@code replacement(old)}. */
    private static JsonNode replaceSomewhere(
            JsonNode root, Random random, java.util.function.UnaryOperator<JsonNode> replacement) {
        List<JsonNode> containers = containers(root);
        if (containers.isEmpty() || random.nextInt(8) == 0) {
            return replacement.apply(root);
        }
        JsonNode container = containers.get(random.nextInt(containers.size()));
        if (container instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String name = names.get(random.nextInt(names.size()));
            object.set(name, replacement.apply(object.get(name)));
        } else if (container instanceof ArrayNode array) {
            int index = random.nextInt(array.size());
            array.set(index, replacement.apply(array.get(index)));
        }
        return root;
    }

    private static void removeSomewhere(JsonNode root, Random random) {
        List<JsonNode> objects =
                containers(root).stream().filter(JsonNode::isObject).toList();
        if (objects.isEmpty()) {
            return;
        }
        ObjectNode object = (ObjectNode) objects.get(random.nextInt(objects.size()));
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        object.remove(names.get(random.nextInt(names.size())));
    }

    /** The non-empty objects and arrays in the tree. */
    private static List<JsonNode> containers(JsonNode root) {
        List<JsonNode> found = new ArrayList<>();
        if ((root.isObject() || root.isArray()) && !root.isEmpty()) {
            found.add(root);
            root.elements().forEachRemaining(child -> found.addAll(containers(child)));
        }
        return found;
    }

    private static JsonNode wrongType(JsonNode current, Random random) {
        List<JsonNode> others = new ArrayList<>(List.of(
                NODES.textNode("wrong"),
                NODES.numberNode(42),
                NODES.booleanNode(false),
                NODES.arrayNode(),
                NODES.objectNode(),
                NODES.nullNode()));
        others.removeIf(other -> other.getNodeType() == current.getNodeType());
        return others.get(random.nextInt(others.size()));
    }

    private static byte[] deeplyNested(Random random) {
        int depth = List.of(600, 1_100, 5_000, 20_000).get(random.nextInt(4));
        boolean arrays = random.nextBoolean();
        StringBuilder nested = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            nested.append(arrays ? "[" : "{\"a\":");
        }
        nested.append("1");
        for (int i = 0; i < depth; i++) {
            nested.append(arrays ? "]" : "}");
        }
        return nested.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The bytes with an invalid UTF-8 sequence put at a random place (inside a string or not). */
    private static byte[] withInvalidUtf8(byte[] bytes, Random random) {
        byte[][] invalid = {
            {(byte) 0xC3, 0x28},
            {(byte) 0xFF},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xC0, (byte) 0xAF},
            {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}
        };
        int at = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, at);
        out.writeBytes(invalid[random.nextInt(invalid.length)]);
        out.write(bytes, at, bytes.length - at);
        return out.toByteArray();
    }

    private static byte[] serialize(JsonNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The hostile text in a path or query, percent-encoded or (half the time) as written. */
    private static String encodeHostile(String text, Random random) {
        if (random.nextBoolean()) {
            return encode(text);
        }
        StringBuilder raw = new StringBuilder();
        for (char c : text.toCharArray()) {
            raw.append(c > ' ' && c < 127 && c != '#' && c != '?' ? String.valueOf(c) : encode(String.valueOf(c)));
        }
        return raw.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Printable ASCII only: header values are sent as bytes. */
    private static String ascii(String text) {
        return text.replaceAll("[^\\x20-\\x7E]", "?");
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…(" + text.length() + ")" : text;
    }
}
