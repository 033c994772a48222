package tsa.sync.oneroster;

import java.util.List;
import java.util.Random;

/** Seeded random filters, from well-formed to mangled, for the parser's and the endpoints' fuzz tests. */
final class FilterCorpus {

    static final List<String> FIELDS = List.of(
            "sourcedId",
            "status",
            "dateLastModified",
            "username",
            "enabledUser",
            "givenName",
            "familyName",
            "middleName",
            "email",
            "phone",
            "roles.role",
            "roles.roleType",
            "roles.org.sourcedId",
            "primaryOrg.sourcedId",
            "name",
            "type",
            "identifier",
            "parent.sourcedId",
            "metadata",
            "x",
            "roles..role",
            "1abc",
            "email;",
            "sourced_id");
    static final List<String> OPERATORS = List.of("=", "!=", ">", ">=", "<", "<=", "~", "==", "<>", "!", "=~", "");
    static final List<String> VALUES = List.of(
            "teacher",
            "student",
            "systemAdministrator",
            "true",
            "false",
            "2026-01-01T00:00:00Z",
            "2026-01-01",
            "O''Brien",
            "' OR '1'='1",
            "%",
            "_",
            "\\",
            "",
            "a b",
            "é",
            "\u0000",
            "x'); DROP TABLE users; --",
            "' UNION SELECT * FROM api_clients --",
            "9999999999999",
            "tobedeleted",
            "$1",
            "?1",
            ":name",
            "?");
    static final List<String> JOINS = List.of(" AND ", " OR ", " and ", "AND", "  AND  ", " XOR ", " ", "");

    private final Random random;

    FilterCorpus(long seed) {
        random = new Random(seed);
    }

    /** A filter built from the grammar's parts; well-formed or not depends on the draw. */
    String next() {
        int predicates = 1 + random.nextInt(3);
        StringBuilder filter = new StringBuilder();
        String join = pick(JOINS);
        for (int i = 0; i < predicates; i++) {
            if (i > 0) {
                filter.append(random.nextInt(5) == 0 ? pick(JOINS) : join);
            }
            filter.append(pick(FIELDS)).append(pick(OPERATORS));
            String value = pick(VALUES);
            switch (random.nextInt(6)) {
                case 0 -> filter.append(value);
                case 1 -> filter.append('"').append(value).append('"');
                default -> filter.append('\'').append(value).append('\'');
            }
        }
        String text = filter.toString();
        if (random.nextInt(8) == 0 && !text.isEmpty()) {
            int cut = random.nextInt(text.length());
            text = random.nextBoolean()
                    ? text.substring(0, cut)
                    : text.substring(0, cut) + randomChar() + text.substring(cut);
        }
        return text;
    }

    /** A well-formed filter on text fields of one collection, with the corpus's hostile values. */
    String nextWellFormed(List<String> textFields) {
        StringBuilder filter = new StringBuilder();
        String join = random.nextBoolean() ? " AND " : " OR ";
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            if (filter.length() > 0) {
                filter.append(join);
            }
            String value = pick(VALUES).replace("\u0000", "").replace("'", "''");
            filter.append(pick(textFields))
                    .append(pick(OPERATORS.subList(0, 7)))
                    .append('\'')
                    .append(value)
                    .append('\'');
        }
        return filter.toString();
    }

    private char randomChar() {
        String chars = "'\"()=<>!~. ;,\\%_\t\n\u00e9\u4e2d";
        return chars.charAt(random.nextInt(chars.length()));
    }

    private String pick(List<String> options) {
        return options.get(random.nextInt(options.size()));
    }
}
