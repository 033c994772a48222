package tsa.sync.oneroster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tsa.sync.oneroster.query.Filter;
import tsa.sync.oneroster.query.FilterParser;
import tsa.sync.oneroster.query.QueryException;
import tsa.sync.oneroster.query.RosterCollection;
import tsa.sync.oneroster.query.RosterField;
import tsa.sync.oneroster.query.SqlParameters;

/** The filter grammar of the OneRoster REST binding, parsed by {@link FilterParser} (plain JUnit, seeded). */
class FilterParserTest {

    @Test
    void wellFormedFiltersParseIntoTheirPredicates() {
        assertThat(FilterParser.parse("familyName='Smith'"))
                .isEqualTo(new Filter(
                        List.of(new Filter.Predicate("familyName", Filter.Operator.EQ, "Smith")), Filter.Logic.AND));
        assertThat(FilterParser.parse(" roles.role = 'teacher' OR email~'x' "))
                .isEqualTo(new Filter(
                        List.of(
                                new Filter.Predicate("roles.role", Filter.Operator.EQ, "teacher"),
                                new Filter.Predicate("email", Filter.Operator.CONTAINS, "x")),
                        Filter.Logic.OR));
        assertThat(FilterParser.parse("a>='1' AND b<='2' AND c!='3' AND d>'4' AND e<'5'")
                        .predicates())
                .extracting(Filter.Predicate::operator)
                .containsExactly(
                        Filter.Operator.GE,
                        Filter.Operator.LE,
                        Filter.Operator.NE,
                        Filter.Operator.GT,
                        Filter.Operator.LT);
        assertThat(FilterParser.parse("familyName='O''Brien'")
                        .predicates()
                        .get(0)
                        .value())
                .isEqualTo("O'Brien");
        assertThat(FilterParser.parse("givenName='a AND b=''c'''").predicates()).hasSize(1);
        assertThat(FilterParser.parse("email=''").predicates().get(0).value()).isEmpty();
    }

    @Test
    void malformedFiltersAreQueryErrors() {
        for (String bad : List.of(
                "",
                " ",
                "email",
                "email=",
                "='x'",
                "email='x",
                "email='x' AND",
                "email='x' AND email='y' OR email='z'",
                "email='x'AND email='y'",
                "email='x' and email='y'",
                "email=x",
                "email=\"x\"",
                "(email='x')",
                "email..x='1'",
                ".email='1'",
                "email.='1'",
                "1email='x'",
                "email='x' email='y'",
                "email=='x'",
                "email<>'x'",
                "email='x';",
                "x".repeat(4001))) {
            assertThatThrownBy(() -> FilterParser.parse(bad))
                    .as(bad)
                    .isInstanceOf(QueryException.class)
                    .extracting(e -> ((QueryException) e).codeMinor())
                    .isEqualTo("invalid_filter_field");
        }
    }

    /** Random valid filters, printed and parsed again, come back as the same tree. */
    @Test
    void printedFiltersParseBackToTheSameTree() {
        Random random = new Random(20261203L);
        List<String> fields = List.of("email", "roles.role", "roles.org.sourcedId", "givenName", "a_b.c1");
        String alphabet = "ab' =<>!~ANDOR.\"()%_\\é";
        for (int run = 0; run < 5_000; run++) {
            Filter.Logic logic = random.nextBoolean() ? Filter.Logic.AND : Filter.Logic.OR;
            List<Filter.Predicate> predicates = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            int count = 1 + random.nextInt(4);
            for (int i = 0; i < count; i++) {
                StringBuilder value = new StringBuilder();
                for (int c = random.nextInt(8); c > 0; c--) {
                    value.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                Filter.Operator op = Filter.Operator.values()[random.nextInt(Filter.Operator.values().length)];
                String field = fields.get(random.nextInt(fields.size()));
                predicates.add(new Filter.Predicate(field, op, value.toString()));
                if (i > 0) {
                    text.append(" ".repeat(1 + random.nextInt(2)))
                            .append(logic)
                            .append(" ".repeat(1 + random.nextInt(2)));
                }
                text.append(field)
                        .append(random.nextBoolean() ? " " : "")
                        .append(op.symbol())
                        .append(random.nextBoolean() ? " " : "")
                        .append('\'')
                        .append(value.toString().replace("'", "''"))
                        .append('\'');
            }
            // A single predicate has no logical operator; the parser calls it AND.
            assertThat(FilterParser.parse(text.toString()))
                    .as(text.toString())
                    .isEqualTo(new Filter(predicates, count == 1 ? Filter.Logic.AND : logic));
        }
    }

    /**
     * Whatever the input, the parser answers a tree or a {@link QueryException}, and the SQL built from any tree it
     * accepts holds no caller text: only whitelisted fragments and numbered placeholders.
     */
    @Test
    void fuzzedFiltersNeverEscapeAsAnotherErrorOrAsSqlText() {
        FilterCorpus corpus = new FilterCorpus(42L);
        int parsed = 0;
        for (int run = 0; run < 20_000; run++) {
            String text = corpus.next();
            Filter filter;
            try {
                filter = FilterParser.parse(text);
            } catch (QueryException expected) {
                continue;
            }
            parsed++;
            for (RosterCollection collection : RosterCollection.ALL) {
                for (Filter.Predicate predicate : filter.predicates()) {
                    RosterField field = collection.fields().get(predicate.field());
                    if (field == null) {
                        continue;
                    }
                    SqlParameters parameters = new SqlParameters();
                    String sql;
                    try {
                        sql = field.condition(predicate, parameters);
                    } catch (QueryException expected) {
                        continue;
                    }
                    String withoutPlaceholders = sql.replaceAll("\\?\\d+", "");
                    assertThat(withoutPlaceholders)
                            .as(text)
                            .doesNotContain("?")
                            .doesNotContain(";")
                            .doesNotContain("--");
                    if (!predicate.value().isEmpty() && predicate.value().length() > 3) {
                        assertThat(sql).as(text).doesNotContain(predicate.value());
                    }
                    assertThat(parameters.values()).isNotEmpty();
                }
            }
        }
        assertThat(parsed).as("well-formed filters in the corpus").isGreaterThan(1_000);
    }
}
