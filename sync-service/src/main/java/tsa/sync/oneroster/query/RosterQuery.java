package tsa.sync.oneroster.query;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The query parameters of a OneRoster collection read, checked against the collection: paging, one sort field,
 * {@code fields} and a parsed {@code filter}. Every name it keeps is one of the collection's own.
 */
public record RosterQuery(
        int limit, int offset, RosterField sort, boolean descending, Filter filter, Set<String> fields) {

    public static final int DEFAULT_LIMIT = 100;
    /** The standards' own test suites page 10,000 users at a time. */
    public static final int MAX_LIMIT = 10_000;

    public static RosterQuery of(
            RosterCollection collection,
            String limit,
            String offset,
            String sort,
            String orderBy,
            String filter,
            List<String> fields) {
        int size = integer("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
        int skip = integer("offset", offset, 0, 0, Integer.MAX_VALUE - MAX_LIMIT);
        RosterField sortField = collection.fields().get("sourcedId");
        if (sort != null) {
            sortField = collection.fields().get(sort);
            if (sortField == null || !sortField.sortable()) {
                throw new QueryException(
                        "invaliddata",
                        "sort must be one of "
                                + new java.util.TreeSet<>(collection.fields().values().stream()
                                        .filter(RosterField::sortable)
                                        .map(RosterField::name)
                                        .toList()));
            }
        }
        boolean descending = false;
        if (orderBy != null) {
            if (!orderBy.equals("asc") && !orderBy.equals("desc")) {
                throw new QueryException("invaliddata", "orderBy is asc or desc");
            }
            descending = orderBy.equals("desc");
        }
        Filter parsed = null;
        if (filter != null) {
            parsed = FilterParser.parse(filter);
            for (Filter.Predicate predicate : parsed.predicates()) {
                if (!collection.fields().containsKey(predicate.field())) {
                    throw QueryException.badFilter("unknown filter field " + predicate.field());
                }
            }
        }
        return new RosterQuery(size, skip, sortField, descending, parsed, selection(collection, fields));
    }

    /** The {@code fields} selection (comma-separated, possibly repeated); empty means every field. */
    public static Set<String> selection(RosterCollection collection, List<String> fields) {
        Set<String> selected = new LinkedHashSet<>();
        if (fields == null) {
            return selected;
        }
        for (String value : fields) {
            for (String name :
                    Arrays.stream(value.split(",", -1)).map(String::trim).toList()) {
                if (!collection.selectable().contains(name)) {
                    throw new QueryException("invalid_selection_field", "unknown field " + name);
                }
                selected.add(name);
            }
        }
        return selected;
    }

    private static int integer(String name, String value, int fallback, int min, int max) {
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new QueryException("invaliddata", name + " must be an integer from " + min + " to " + max);
        }
    }
}
