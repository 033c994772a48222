package tsa.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The operations of a service, read two ways: from its contract in {@code contracts/} and from the JAX-RS
 * resources compiled into the service. Tests compare the two, and drive every operation of a contract.
 */
public final class ContractOperations {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ContractOperations() {}

    /**
     * One operation of a contract: method, path template, operationId, the roles in {@code x-roles}, for an internal
     * operation the services in {@code x-callers} (the only services that may call it), and its query parameters
     * (name to schema, {@code $ref}s to {@code components/parameters} resolved).
     */
    public record Operation(
            String method,
            String path,
            String operationId,
            List<String> roles,
            List<String> callers,
            boolean hasBody,
            Map<String, JsonNode> queryParameters) {

        /** The method and path with parameter names dropped, for comparing a contract with code. */
        public String signature() {
            return method + " " + path.replaceAll("\\{[^}]*}", "{}");
        }

        /** The path with every parameter replaced by {@code value}. */
        public String pathWith(String value) {
            return path.replaceAll("\\{[^}]*}", value);
        }
    }

    public static Path contract(String service) {
        return ProjectLayout.root().resolve("contracts").resolve(service + ".yaml");
    }

    public static JsonNode read(Path contract) {
        try {
            return YAML.readTree(contract.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Operation> fromContract(Path contract) {
        JsonNode document = read(contract);
        JsonNode paths = document.path("paths");
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> p = paths.fields(); p.hasNext(); ) {
            Map.Entry<String, JsonNode> path = p.next();
            for (Iterator<Map.Entry<String, JsonNode>> m = path.getValue().fields(); m.hasNext(); ) {
                Map.Entry<String, JsonNode> method = m.next();
                if (!METHODS.contains(method.getKey())) {
                    continue;
                }
                JsonNode op = method.getValue();
                List<String> roles = new ArrayList<>();
                op.path("x-roles").forEach(r -> roles.add(r.asText()));
                List<String> callers = new ArrayList<>();
                op.path("x-callers").forEach(c -> callers.add(c.asText()));
                Map<String, JsonNode> query = new LinkedHashMap<>();
                for (JsonNode parameter : op.path("parameters")) {
                    JsonNode resolved = resolve(document, parameter);
                    if ("query".equals(resolved.path("in").asText())) {
                        query.put(resolved.path("name").asText(), resolved.path("schema"));
                    }
                }
                operations.add(new Operation(
                        method.getKey().toUpperCase(),
                        path.getKey(),
                        op.path("operationId").asText(null),
                        List.copyOf(roles),
                        List.copyOf(callers),
                        op.has("requestBody"),
                        Collections.unmodifiableMap(query)));
            }
        }
        return operations;
    }

    /** A node of the contract, or what its local {@code $ref} ("#/components/...") points at. */
    public static JsonNode resolve(JsonNode document, JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalArgumentException("only local references are read: " + ref);
            }
            current = document.at(ref.substring(1));
        }
        return current;
    }

    /** The "METHOD /path/{}" signatures of the JAX-RS resource methods compiled into {@code classesDir}. */
    public static Set<String> fromResources(Path classesDir) {
        return new TreeSet<>(callersInResources(classesDir).keySet());
    }

    /**
     * The services each JAX-RS resource method compiled into {@code classesDir} names in its
     * {@code @tsa.runtime.security.CalledBy} (empty when it has none), by "METHOD /path/{}" signature. The annotation
     * is read by name: the test support does not depend on the runtime library.
     */
    public static Map<String, List<String>> callersInResources(Path classesDir) {
        Map<String, List<String>> callers = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classesDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name =
                        classesDir.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (name.contains("$") || name.endsWith("package-info")) {
                    continue;
                }
                Class<?> type = Class.forName(name, false, ContractOperations.class.getClassLoader());
                jakarta.ws.rs.Path classPath = type.getAnnotation(jakarta.ws.rs.Path.class);
                if (classPath == null || type.isInterface()) {
                    continue;
                }
                for (Method method : type.getMethods()) {
                    String verb = httpMethod(method);
                    if (verb == null) {
                        continue;
                    }
                    jakarta.ws.rs.Path methodPath = method.getAnnotation(jakarta.ws.rs.Path.class);
                    String full = "/" + classPath.value() + "/" + (methodPath == null ? "" : methodPath.value());
                    full = full.replaceAll("/+", "/").replaceAll("(.)/$", "$1");
                    callers.put(verb + " " + full.replaceAll("\\{[^}]*}", "{}"), calledBy(method));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return callers;
    }

    private static List<String> calledBy(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            if (annotation.annotationType().getName().equals("tsa.runtime.security.CalledBy")) {
                try {
                    return List.of((String[])
                            annotation.annotationType().getMethod("value").invoke(annotation));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return List.of();
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            jakarta.ws.rs.HttpMethod verb = annotation.annotationType().getAnnotation(jakarta.ws.rs.HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }
}
