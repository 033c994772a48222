package tsa.sync.oneroster.query;

import java.util.ArrayList;
import java.util.List;

/**
 * A hand-written recursive-descent parser of the OneRoster 1.2 filter grammar (REST binding, "Filtering"):
 *
 * <pre>
 * filter    := ws? predicate ( ws+ logical ws+ predicate )* ws?
 * logical   := "AND" | "OR"                       (one of them per filter, never mixed)
 * predicate := field ws? operator ws? value
 * field     := name ( "." name )*                 name := [A-Za-z_][A-Za-z0-9_]*
 * operator  := "!=" | ">=" | "<=" | "=" | ">" | "<" | "~"
 * value     := "'" ( any character but "'" | "''" )* "'"
 * </pre>
 *
 * It only builds the tree: which fields exist and what their values mean is decided by the resource's whitelist, and
 * values only ever reach SQL as bound parameters.
 */
public final class FilterParser {

    public static final int MAX_LENGTH = 4000;
    public static final int MAX_PREDICATES = 20;

    private final String text;
    private int at;

    private FilterParser(String text) {
        this.text = text;
    }

    public static Filter parse(String filter) {
        if (filter == null || filter.isBlank()) {
            throw QueryException.badFilter("the filter is empty");
        }
        if (filter.length() > MAX_LENGTH) {
            throw QueryException.badFilter("the filter is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < filter.length(); i++) {
            // PostgreSQL text can't hold NUL, and no OneRoster value needs a control character.
            if (Character.isISOControl(filter.charAt(i))) {
                throw QueryException.badFilter("the filter holds a control character at " + (i + 1));
            }
        }
        return new FilterParser(filter).filter();
    }

    private Filter filter() {
        List<Filter.Predicate> predicates = new ArrayList<>();
        Filter.Logic logic = null;
        skipSpaces();
        predicates.add(predicate());
        while (true) {
            int spaces = skipSpaces();
            if (at == text.length()) {
                break;
            }
            Filter.Logic next = logical(spaces);
            if (logic != null && logic != next) {
                throw error("AND and OR can't be mixed in one filter");
            }
            logic = next;
            if (skipSpaces() == 0) {
                throw error("a space must follow " + next);
            }
            predicates.add(predicate());
            if (predicates.size() > MAX_PREDICATES) {
                throw error("at most " + MAX_PREDICATES + " predicates");
            }
        }
        return new Filter(predicates, logic == null ? Filter.Logic.AND : logic);
    }

    private Filter.Logic logical(int spacesBefore) {
        for (Filter.Logic logic : Filter.Logic.values()) {
            if (text.startsWith(logic.name(), at)) {
                if (spacesBefore == 0) {
                    throw error("a space must precede " + logic);
                }
                at += logic.name().length();
                return logic;
            }
        }
        throw error("expected AND, OR or the end of the filter");
    }

    private Filter.Predicate predicate() {
        String field = field();
        skipSpaces();
        Filter.Operator operator = operator();
        skipSpaces();
        return new Filter.Predicate(field, operator, value());
    }

    private String field() {
        int start = at;
        do {
            if (at < text.length() && text.charAt(at) == '.' && at > start) {
                at++;
            }
            if (at >= text.length() || !nameStart(text.charAt(at))) {
                throw error("expected a field name");
            }
            while (at < text.length() && namePart(text.charAt(at))) {
                at++;
            }
        } while (at < text.length() && text.charAt(at) == '.');
        return text.substring(start, at);
    }

    private Filter.Operator operator() {
        // Two-character operators first, so that ">=" is not read as ">" followed by "=".
        for (String symbol : List.of("!=", ">=", "<=", "=", ">", "<", "~")) {
            if (text.startsWith(symbol, at)) {
                at += symbol.length();
                for (Filter.Operator operator : Filter.Operator.values()) {
                    if (operator.symbol().equals(symbol)) {
                        return operator;
                    }
                }
            }
        }
        throw error("expected one of = != > >= < <= ~");
    }

    private String value() {
        if (at >= text.length() || text.charAt(at) != '\'') {
            throw error("expected a value in single quotes");
        }
        at++;
        StringBuilder value = new StringBuilder();
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c != '\'') {
                value.append(c);
            } else if (at < text.length() && text.charAt(at) == '\'') {
                value.append('\'');
                at++;
            } else {
                return value.toString();
            }
        }
        throw error("the value's closing quote is missing");
    }

    private int skipSpaces() {
        int start = at;
        while (at < text.length() && text.charAt(at) == ' ') {
            at++;
        }
        return at - start;
    }

    private static boolean nameStart(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    }

    private static boolean namePart(char c) {
        return nameStart(c) || (c >= '0' && c <= '9');
    }

    private QueryException error(String message) {
        return QueryException.badFilter("bad filter at character " + (at + 1) + ": " + message);
    }
}
