package tsa.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.enhanced.dynamodb.IndexMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item record can't silently drop a field: filled in every component (through its builder, as the services
 * build items), it must come back equal from {@code toBuilder().build()} and from its table schema's
 * {@code itemToMap} / {@code mapToItem}, and the filled item must give every attribute the schema declares a value.
 * A component added to the record but left out of {@code toBuilder()} or of the schema fails here.
 */
public final class ItemSchemaRoundTrip {

    private ItemSchemaRoundTrip() {}

    /**
     * The item as DynamoDB stores it, after checking that it maps back to the same item and carries
     * {@code schema_version = "v1"}.
     */
    public static <T> Map<String, AttributeValue> attributesOf(TableSchema<T> schema, T item) {
        Map<String, AttributeValue> attributes = schema.itemToMap(item, false);
        assertThat(attributes.get("schema_version")).isEqualTo(AttributeValue.fromS("v1"));
        assertThat(schema.mapToItem(attributes)).isEqualTo(item);
        return attributes;
    }

    /**
     * The schema is a {@code StaticImmutableTableSchema} and tags exactly the keys a table declares (hash key only,
     * and each index with its hash key and optional sort key, as {@code [hash]} or {@code [hash, sort]}), so that
     * enhanced-client index queries find them.
     */
    public static void assertKeys(TableSchema<?> schema, String hashKey, Map<String, List<String>> indexKeys) {
        assertThat(schema).isInstanceOf(StaticImmutableTableSchema.class);
        TableMetadata metadata = schema.tableMetadata();
        assertThat(metadata.primaryPartitionKey()).isEqualTo(hashKey);
        assertThat(metadata.primarySortKey()).isEmpty();
        assertThat(metadata.indices().stream()
                        .map(IndexMetadata::name)
                        .filter(name -> !name.equals(TableMetadata.primaryIndexName()))
                        .collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(indexKeys.keySet());
        indexKeys.forEach((index, keys) -> {
            assertThat(metadata.indexPartitionKey(index)).as(index).isEqualTo(keys.get(0));
            assertThat(metadata.indexSortKey(index))
                    .as(index)
                    .isEqualTo(keys.size() > 1 ? Optional.of(keys.get(1)) : Optional.empty());
        });
    }

    /** Asserts both round trips for an item filled by {@link #filled}. */
    public static <T extends Record> void assertLossless(TableSchema<T> schema) {
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) schema.itemType().rawClass();
        assertLossless(schema, filled(type));
    }

    /** Asserts both round trips for {@code fullyFilledItem}, which must leave no attribute of the schema null. */
    public static <T extends Record> void assertLossless(TableSchema<T> schema, T fullyFilledItem) {
        String type = fullyFilledItem.getClass().getSimpleName();
        for (RecordComponent component : fullyFilledItem.getClass().getRecordComponents()) {
            assertThat(read(component, fullyFilledItem))
                    .as(type + "." + component.getName() + " is filled")
                    .isNotNull();
        }
        List<String> unset = new ArrayList<>();
        for (String attribute : schema.attributeNames()) {
            AttributeValue value = schema.attributeValue(fullyFilledItem, attribute);
            if (value == null || Boolean.TRUE.equals(value.nul())) {
                unset.add(attribute);
            }
        }
        assertThat(unset)
                .as(type + ": attributes of the schema that the filled item leaves null")
                .isEmpty();
        Map<String, AttributeValue> stored = schema.itemToMap(fullyFilledItem, false);
        assertThat(stored.keySet())
                .as(type + ": attributes written")
                .containsExactlyInAnyOrderElementsOf(schema.attributeNames());
        assertThat(schema.mapToItem(stored))
                .as(type + " through its table schema")
                .isEqualTo(fullyFilledItem);
        assertThat(rebuilt(fullyFilledItem)).as(type + ".toBuilder().build()").isEqualTo(fullyFilledItem);
    }

    /**
     * The record built through its {@code builder()} with every component set to a value made for its type and
     * name: text "name-1", numbers 1, true, one-element lists and maps, a one-field JSON object.
     */
    public static <T extends Record> T filled(Class<T> type) {
        try {
            Object builder = type.getMethod("builder").invoke(null);
            for (RecordComponent component : type.getRecordComponents()) {
                Method setter = builder.getClass().getMethod(component.getName(), component.getType());
                setter.invoke(builder, valueFor(component.getName(), component.getGenericType()));
            }
            return type.cast(builder.getClass().getMethod("build").invoke(builder));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new AssertionError(
                    type.getSimpleName() + " must have builder(), a builder method per component and " + "build(): "
                            + e.getMessage(),
                    e);
        } catch (InvocationTargetException e) {
            throw new AssertionError(
                    type.getSimpleName() + "'s builder refused a value: " + e.getCause(), e.getCause());
        }
    }

    private static Object valueFor(String name, Type type) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (raw == String.class) {
            return name + "-1";
        }
        if (raw == Long.class || raw == long.class) {
            return 1L;
        }
        if (raw == Integer.class || raw == int.class) {
            return 1;
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return true;
        }
        if (raw == ObjectNode.class) {
            return JsonNodeFactory.instance.objectNode().put(name, "value");
        }
        if (raw == List.class) {
            return List.of(valueFor(name, ((ParameterizedType) type).getActualTypeArguments()[0]));
        }
        if (raw == Map.class) {
            return Map.of(name, valueFor(name, ((ParameterizedType) type).getActualTypeArguments()[1]));
        }
        throw new AssertionError("no value made for a component of type " + type + " (" + name + "): add one here");
    }

    private static Object read(RecordComponent component, Object item) {
        try {
            return component.getAccessor().invoke(item);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object rebuilt(Object item) {
        try {
            Object builder = item.getClass().getMethod("toBuilder").invoke(item);
            return builder.getClass().getMethod("build").invoke(builder);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(item.getClass().getSimpleName() + " must have toBuilder(): " + e, e);
        }
    }
}
