package tsa.sync.oneroster.query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

/**
 * One filterable OneRoster field: its name in the binding, the SQL expression it reads (a constant of this code,
 * never caller text) and how a predicate on it becomes SQL with the value bound as a parameter.
 */
public record RosterField(String name, String sql, Kind kind, boolean sortable) {

    public enum Kind {
        /** A string column: every operator; {@code ~} is a case-insensitive substring match. */
        TEXT,
        /** A UTC timestamp column: comparisons with an ISO-8601 date-time (or date) value. */
        TIMESTAMP,
        /** A boolean column, written {@code 'true'|'false'}: = and !=. */
        BOOLEAN,
        /** {@code users.role}: = and != with the OneRoster role names ({@link #ROLES}). */
        ROLE,
        /** A JSON array of org ids: = (the array holds the value) and != (it does not). */
        ORG_MEMBER
    }

    /** OneRoster 1.2 role names that differ from the stored {@code users.role} values (1.1's administrator). */
    public static final Map<String, String> ROLES = Map.of("systemAdministrator", "administrator");

    private static final Set<Filter.Operator> EQUALITY = Set.of(Filter.Operator.EQ, Filter.Operator.NE);
    private static final DateTimeFormatter SQL_TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    public static RosterField text(String name, String sql) {
        return new RosterField(name, sql, Kind.TEXT, true);
    }

    public static RosterField timestamp(String name, String sql) {
        return new RosterField(name, sql, Kind.TIMESTAMP, true);
    }

    public static RosterField bool(String name, String sql) {
        return new RosterField(name, sql, Kind.BOOLEAN, true);
    }

    /** The SQL condition of one predicate on this field. */
    public String condition(Filter.Predicate predicate, SqlParameters parameters) {
        Filter.Operator op = predicate.operator();
        String value = predicate.value();
        switch (kind) {
            case TEXT:
                if (op == Filter.Operator.CONTAINS) {
                    return "strpos(lower(" + sql + "), lower(" + parameters.bind(value) + ")) > 0";
                }
                return compare(op, parameters.bind(value));
            case TIMESTAMP:
                if (op == Filter.Operator.CONTAINS) {
                    throw unsupported(op);
                }
                return compare(op, "CAST(" + parameters.bind(timestampValue(value)) + " AS timestamp)");
            case BOOLEAN:
                requireEquality(op);
                if (!value.equals("true") && !value.equals("false")) {
                    throw QueryException.badFilter(name + " is 'true' or 'false'");
                }
                return compare(op, parameters.bind(Boolean.valueOf(value)));
            case ROLE:
                requireEquality(op);
                return compare(op, parameters.bind(ROLES.getOrDefault(value, value)));
            case ORG_MEMBER:
                requireEquality(op);
                String holds = "COALESCE(" + sql + ", CAST('[]' AS jsonb)) @> jsonb_build_array(CAST("
                        + parameters.bind(value) + " AS text))";
                return op == Filter.Operator.EQ ? holds : "NOT (" + holds + ")";
            default:
                throw new IllegalStateException(kind.name());
        }
    }

    private String compare(Filter.Operator op, String placeholder) {
        return switch (op) {
            case EQ -> sql + " = " + placeholder;
            // A missing value is "not equal" too, as a reader of the JSON would see it.
            case NE -> sql + " IS DISTINCT FROM " + placeholder;
            case GT -> sql + " > " + placeholder;
            case GE -> sql + " >= " + placeholder;
            case LT -> sql + " < " + placeholder;
            case LE -> sql + " <= " + placeholder;
            case CONTAINS -> throw unsupported(op);
        };
    }

    private void requireEquality(Filter.Operator op) {
        if (!EQUALITY.contains(op)) {
            throw unsupported(op);
        }
    }

    private QueryException unsupported(Filter.Operator op) {
        return QueryException.badFilter("the operator " + op.symbol() + " can't be used on " + name);
    }

    /** An ISO-8601 date-time with an offset (or a date, meaning its start in UTC) as a UTC SQL timestamp. */
    private String timestampValue(String value) {
        LocalDateTime utc;
        try {
            utc = LocalDateTime.ofInstant(OffsetDateTime.parse(value).toInstant(), ZoneOffset.UTC);
        } catch (DateTimeParseException notADateTime) {
            try {
                utc = LocalDateTime.ofInstant(Instant.parse(value), ZoneOffset.UTC);
            } catch (DateTimeParseException notAnInstant) {
                try {
                    utc = LocalDate.parse(value).atStartOfDay();
                } catch (DateTimeParseException notADate) {
                    throw QueryException.badFilter(name + " takes an ISO-8601 date-time such as 2026-01-31T00:00:00Z");
                }
            }
        }
        return SQL_TIMESTAMP.format(utc);
    }
}
