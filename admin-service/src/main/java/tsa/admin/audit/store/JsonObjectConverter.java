package tsa.admin.audit.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverter;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Stores a JSON object as a DynamoDB map attribute, nested values included, so that an audited resource's state
 * stays readable and queryable in the table: objects become maps, arrays lists, strings strings, numbers numbers,
 * booleans booleans and JSON nulls NULL, and reading turns each back. Numbers keep their value; DynamoDB keeps
 * their text in its own normal form (a stored {@code 2.0} reads back as {@code 2}).
 */
final class JsonObjectConverter implements AttributeConverter<ObjectNode> {

    static final JsonObjectConverter INSTANCE = new JsonObjectConverter();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonObjectConverter() {}

    @Override
    public AttributeValue transformFrom(ObjectNode input) {
        return toAttribute(input);
    }

    @Override
    public ObjectNode transformTo(AttributeValue input) {
        if (Boolean.TRUE.equals(input.nul())) {
            return null;
        }
        if (!input.hasM()) {
            throw new IllegalArgumentException("Expected a map attribute, got " + input.type());
        }
        return (ObjectNode) toJson(input);
    }

    @Override
    public EnhancedType<ObjectNode> type() {
        return EnhancedType.of(ObjectNode.class);
    }

    @Override
    public AttributeValueType attributeValueType() {
        return AttributeValueType.M;
    }

    private static AttributeValue toAttribute(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT: {
                Map<String, AttributeValue> map = new LinkedHashMap<>();
                node.properties().forEach(field -> map.put(field.getKey(), toAttribute(field.getValue())));
                return AttributeValue.fromM(map);
            }
            case ARRAY: {
                List<AttributeValue> list = new ArrayList<>(node.size());
                node.forEach(element -> list.add(toAttribute(element)));
                return AttributeValue.fromL(list);
            }
            case STRING:
                return AttributeValue.fromS(node.textValue());
            case NUMBER:
                return AttributeValue.fromN(
                        node.isIntegralNumber() ? node.bigIntegerValue().toString() : node.asText());
            case BOOLEAN:
                return AttributeValue.fromBool(node.booleanValue());
            case BINARY:
                try {
                    return AttributeValue.fromB(SdkBytes.fromByteArray(node.binaryValue()));
                } catch (IOException e) {
                    throw new IllegalArgumentException("Unreadable binary JSON value", e);
                }
            case NULL:
            case MISSING:
                return AttributeValue.fromNul(true);
            default:
                throw new IllegalArgumentException("Not storable as a DynamoDB attribute: " + node.getNodeType());
        }
    }

    private static JsonNode toJson(AttributeValue value) {
        switch (value.type()) {
            case M: {
                ObjectNode object = NODES.objectNode();
                value.m().forEach((name, field) -> object.set(name, toJson(field)));
                return object;
            }
            case L: {
                ArrayNode array = NODES.arrayNode();
                value.l().forEach(element -> array.add(toJson(element)));
                return array;
            }
            case S:
                return NODES.textNode(value.s());
            case N:
                return number(value.n());
            case BOOL:
                return NODES.booleanNode(value.bool());
            case B:
                return NODES.binaryNode(value.b().asByteArray());
            case SS: {
                ArrayNode array = NODES.arrayNode();
                value.ss().forEach(array::add);
                return array;
            }
            case NS: {
                ArrayNode array = NODES.arrayNode();
                value.ns().forEach(number -> array.add(number(number)));
                return array;
            }
            case BS: {
                ArrayNode array = NODES.arrayNode();
                value.bs().forEach(bytes -> array.add(bytes.asByteArray()));
                return array;
            }
            case NUL:
                return NODES.nullNode();
            default:
                throw new IllegalArgumentException("Unknown DynamoDB attribute type: " + value.type());
        }
    }

    /** The node Jackson's own parser would give for this number's text. */
    private static JsonNode number(String text) {
        if (text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0) {
            BigInteger integer = new BigInteger(text);
            if (integer.bitLength() < Integer.SIZE) {
                return NODES.numberNode(integer.intValue());
            }
            if (integer.bitLength() < Long.SIZE) {
                return NODES.numberNode(integer.longValue());
            }
            return NODES.numberNode(integer);
        }
        BigDecimal decimal = new BigDecimal(text);
        double asDouble = decimal.doubleValue();
        if (Double.isFinite(asDouble) && new BigDecimal(Double.toString(asDouble)).compareTo(decimal) == 0) {
            return NODES.numberNode(asDouble);
        }
        return NODES.numberNode(decimal);
    }
}
