package tsa.sync.oneroster.query;

import java.util.List;

/** A parsed OneRoster {@code filter}: predicates joined by one logical operator (never AND and OR mixed). */
public record Filter(List<Predicate> predicates, Logic logic) {

    public enum Logic {
        AND,
        OR
    }

    public enum Operator {
        EQ("="),
        NE("!="),
        GT(">"),
        GE(">="),
        LT("<"),
        LE("<="),
        CONTAINS("~");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    /** {@code <field><operator>'<value>'}; the field is a dotted path such as {@code roles.role}. */
    public record Predicate(String field, Operator operator, String value) {}

    public Filter {
        predicates = List.copyOf(predicates);
    }
}
