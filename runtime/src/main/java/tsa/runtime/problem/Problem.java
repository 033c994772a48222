package tsa.runtime.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * An RFC 9457 problem details body. {@code type} is a URN naming the kind of problem ("urn:tsa:problem:conflict"),
 * {@code errors} lists the fields a request got wrong.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    @RegisterForReflection
    public record FieldError(String field, String message) {}

    public Problem withInstance(String path) {
        return new Problem(type, title, status, detail, path, errors);
    }
}
