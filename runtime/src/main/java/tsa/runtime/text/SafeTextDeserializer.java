package tsa.runtime.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import java.io.IOException;

/** Reads every JSON string as Jackson does, then applies {@link TextRule#violationInFreeText}. */
public class SafeTextDeserializer extends StdScalarDeserializer<String> {

    public SafeTextDeserializer() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        String value = StringDeserializer.instance.deserialize(parser, context);
        var violation = TextRule.violationInFreeText(value);
        if (violation.isPresent()) {
            throw new UnsafeTextException(parser, violation.get());
        }
        return value;
    }
}
