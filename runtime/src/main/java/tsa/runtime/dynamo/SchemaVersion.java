package tsa.runtime.dynamo;

import java.util.function.BiConsumer;
import java.util.function.Function;
import software.amazon.awssdk.enhanced.dynamodb.mapper.ImmutableAttribute;

/**
 * The seed's "Database Versioning": every DynamoDB item of every service carries {@code schema_version}. This is
 * the one place that names the attribute and its current value; item records set {@link #CURRENT} in their
 * factories and map the attribute with {@link #attribute}.
 */
public final class SchemaVersion {

    /** The attribute every item carries. */
    public static final String ATTRIBUTE = "schema_version";

    /** The value new items are written with. */
    public static final String CURRENT = "v1";

    private SchemaVersion() {}

    /** The {@code schema_version} attribute of an item record mapped by a static immutable table schema. */
    public static <T, B> ImmutableAttribute<T, B, String> attribute(
            Class<T> itemClass, Class<B> builderClass, Function<T, String> getter, BiConsumer<B, String> setter) {
        return ImmutableAttribute.builder(itemClass, builderClass, String.class)
                .name(ATTRIBUTE)
                .getter(getter)
                .setter(setter)
                .build();
    }
}
