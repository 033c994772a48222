package tsa.sync.oneroster.query;

/** A query parameter (filter, fields, sort, paging) the OneRoster binding does not accept; answered as a 400. */
public class QueryException extends RuntimeException {

    /** The imsx code minor, {@code invalid_filter_field}, {@code invalid_selection_field} or {@code invaliddata}. */
    private final String codeMinor;

    public QueryException(String codeMinor, String message) {
        super(message);
        this.codeMinor = codeMinor;
    }

    public static QueryException badFilter(String message) {
        return new QueryException("invalid_filter_field", message);
    }

    public String codeMinor() {
        return codeMinor;
    }
}
