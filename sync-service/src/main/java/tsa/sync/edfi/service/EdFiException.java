package tsa.sync.edfi.service;

import java.util.List;
import java.util.Map;

/** An Ed-Fi ODS/API v7 problem details error ({@code type} under {@code urn:ed-fi:api:}). */
public class EdFiException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final Map<String, List<String>> validationErrors;

    public EdFiException(
            int status, String type, String title, String detail, Map<String, List<String>> validationErrors) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.validationErrors = validationErrors;
    }

    public static EdFiException validation(Map<String, List<String>> errors) {
        return new EdFiException(
                400,
                "urn:ed-fi:api:bad-request:data-validation-failed",
                "Data Validation Failed",
                "Data validation failed. See 'validationErrors' for details.",
                errors);
    }

    public static EdFiException badRequest(String detail) {
        return new EdFiException(400, "urn:ed-fi:api:bad-request", "Bad Request", detail, null);
    }

    public static EdFiException unresolvedReference(String what) {
        return new EdFiException(
                409,
                "urn:ed-fi:api:data-conflict:unresolved-reference",
                "Unresolved Reference",
                "The referenced '" + what + "' item does not exist.",
                null);
    }

    public static EdFiException dependentItemExists(String what) {
        return new EdFiException(
                409,
                "urn:ed-fi:api:data-conflict:dependent-item-exists",
                "Dependent Item Exists",
                "The requested action cannot be performed because this item is referenced by existing '" + what
                        + "' item(s).",
                null);
    }

    public static EdFiException notFound() {
        return new EdFiException(
                404, "urn:ed-fi:api:not-found", "Not Found", "The specified resource could not be found.", null);
    }

    public static EdFiException etagMismatch() {
        return new EdFiException(
                412,
                "urn:ed-fi:api:optimistic-lock-failed",
                "Optimistic Lock Failed",
                "The item has been modified by another user.",
                null);
    }

    public static EdFiException keyChange() {
        return new EdFiException(
                400,
                "urn:ed-fi:api:bad-request:data-validation-failed:key-change-not-supported",
                "Key Change Not Supported",
                "The identifying values of this resource cannot be changed.",
                null);
    }

    public static EdFiException unauthorised() {
        return new EdFiException(
                401,
                "urn:ed-fi:api:security:authentication",
                "Authentication Failed",
                "A valid bearer token is required.",
                null);
    }

    public static EdFiException forbidden(String detail) {
        return new EdFiException(403, "urn:ed-fi:api:security:authorization", "Authorization Denied", detail, null);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public Map<String, List<String>> validationErrors() {
        return validationErrors;
    }
}
