package tsa.runtime.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** A JSON string that {@link TextRule} refuses; Jackson adds the field's path on its way up. */
public class UnsafeTextException extends MismatchedInputException {

    private final String reason;

    public UnsafeTextException(JsonParser parser, String reason) {
        super(parser, "a string " + reason, String.class);
        this.reason = reason;
    }

    /** What is wrong with the text, e.g. "must not contain control characters (it contains U+0000)". */
    public String reason() {
        return reason;
    }
}
