package tsa.runtime.dynamo;

import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One page's query of a global secondary index: the items whose index hash key is {@code hashValue}, optionally
 * with the index sort key between two bounds and a filter, in sort-key order.
 *
 * @param index     the index, as its table declares it
 * @param hashValue the index hash key's value
 * @param from      the lowest sort-key value (inclusive), or null
 * @param to        the highest sort-key value (inclusive), or null
 * @param ascending sort-key order; {@code false} for newest first
 * @param filter    a filter applied after the key condition, or null
 */
public record IndexQuery(
        String index, String hashValue, AttributeValue from, AttributeValue to, boolean ascending, Expression filter) {

    /** Every item with that hash value, in ascending sort-key order. */
    public static IndexQuery of(String index, String hashValue) {
        return new IndexQuery(index, hashValue, null, null, true, null);
    }

    public IndexQuery newestFirst() {
        return new IndexQuery(index, hashValue, from, to, false, filter);
    }

    /** Only items whose sort key lies between {@code low} and {@code high}, both included (text sort keys). */
    public IndexQuery between(String low, String high) {
        return new IndexQuery(
                index, hashValue, AttributeValue.fromS(low), AttributeValue.fromS(high), ascending, filter);
    }

    public IndexQuery filtered(Expression condition) {
        return new IndexQuery(index, hashValue, from, to, ascending, condition);
    }
}
