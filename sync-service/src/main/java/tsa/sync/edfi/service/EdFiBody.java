package tsa.sync.edfi.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request body read field by field, so that every wrong field becomes one entry of ODS/API v7's
 * {@code validationErrors} (keyed by JSON path) instead of a binding failure.
 */
final class EdFiBody {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode root;
    private final Map<String, List<String>> errors = new LinkedHashMap<>();

    private EdFiBody(JsonNode root) {
        this.root = root;
    }

    static EdFiBody parse(String text) {
        if (text == null || text.isBlank()) {
            throw EdFiException.badRequest("A non-empty request body is required.");
        }
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                throw EdFiException.badRequest("The request body must be a JSON object.");
            }
            return new EdFiBody(node);
        } catch (JsonProcessingException malformed) {
            throw EdFiException.badRequest("The request body is not valid JSON.");
        }
    }

    JsonNode root() {
        return root;
    }

    void error(String path, String message) {
        errors.computeIfAbsent(path, p -> new ArrayList<>()).add(message);
    }

    /** Throws the collected validation errors, if any. */
    void check() {
        if (!errors.isEmpty()) {
            throw EdFiException.validation(errors);
        }
    }

    String string(JsonNode parent, String path, String name, boolean required, int maxLength) {
        JsonNode value = parent.get(name);
        String at = path + "." + name;
        if (value == null || value.isNull()) {
            if (required) {
                error(at, name + " is required.");
            }
            return null;
        }
        if (!value.isTextual()) {
            error(at, "Must be a string.");
            return null;
        }
        String text = value.asText();
        if (required && text.isBlank()) {
            error(at, name + " is required and should not be left empty.");
            return null;
        }
        if (text.length() > maxLength) {
            error(at, name + " must be at most " + maxLength + " characters.");
            return null;
        }
        return text;
    }

    Integer integer(JsonNode parent, String path, String name, boolean required) {
        JsonNode value = parent.get(name);
        String at = path + "." + name;
        if (value == null || value.isNull()) {
            if (required) {
                error(at, name + " is required.");
            }
            return null;
        }
        if (!value.isInt()) {
            error(at, "Must be an integer.");
            return null;
        }
        return value.intValue();
    }

    LocalDate date(JsonNode parent, String path, String name, boolean required) {
        String text = string(parent, path, name, required, 10);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            error(path + "." + name, "Must be a date (yyyy-mm-dd).");
            return null;
        }
    }

    /** An array of objects; missing gives an empty list (and an error when required). */
    List<JsonNode> objects(String name, boolean required) {
        JsonNode value = root.get(name);
        String at = "$." + name;
        List<JsonNode> items = new ArrayList<>();
        if (value == null || value.isNull()) {
            if (required) {
                error(at, name + " is required.");
            }
            return items;
        }
        if (!value.isArray()) {
            error(at, "Must be an array.");
            return items;
        }
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isObject()) {
                error(at + "[" + i + "]", "Must be an object.");
            } else {
                items.add(value.get(i));
            }
        }
        if (required && items.isEmpty() && !errors.containsKey(at)) {
            error(at, name + " must have at least one item.");
        }
        return items;
    }

    JsonNode object(String name, boolean required) {
        JsonNode value = root.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                error("$." + name, name + " is required.");
            }
            return null;
        }
        if (!value.isObject()) {
            error("$." + name, "Must be an object.");
            return null;
        }
        return value;
    }
}
