package tsa.sync.oneroster;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static tsa.sync.oneroster.OneRosterFixtures.BASE;
import static tsa.sync.oneroster.OneRosterFixtures.CORE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tsa.sync.StubServices;
import tsa.sync.SyncFixtures;
import tsa.sync.oneroster.query.RosterCollection;
import tsa.sync.oneroster.query.RosterQuery;
import tsa.sync.oneroster.service.RosterReader;
import tsa.testsupport.DataStores;
import tsa.testsupport.PostgresServer;
import tsa.testsupport.RealDataStores;

/**
 * OneRoster {@code users} at 100,000 rows (issue 23): a filter on the role or the email with {@code limit=100} is
 * answered from the seed's indexes ({@code idx_users_role_org}, {@code idx_users_email}), never by a sequential scan of
 * {@code users}, for the page and for the count behind {@code X-Total-Count}. The plans are those of the exact
 * statements {@link RosterReader} runs, after ANALYZE. The rows: 5% teachers, the rest parents and students.
 */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
@QuarkusTestResource(StubServices.class)
class RosterAtScaleTest {

    private static final int USERS = 100_000;
    private static final int TEACHERS = USERS / 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\?(\\d+)");
    private static final String MARKER = "scale" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void load() {
        // One statement: the 100,000 rows are made by the server, not sent one by one.
        SyncFixtures.sql(
                "INSERT INTO users (sourced_id, role, email, given_name, family_name, org_ids, enabled_user)"
                        + " SELECT ? || '-' || lpad(CAST(i AS text), 6, '0'),"
                        + " CASE WHEN i % 20 = 0 THEN 'teacher' WHEN i % 2 = 0 THEN 'parent' ELSE 'student' END,"
                        + " ? || '-' || i || '@scale.example', 'Given' || i, 'Family' || (i % 997),"
                        + " jsonb_build_array(CAST(? AS text)), true"
                        + " FROM generate_series(1, ?) AS i",
                MARKER, MARKER, SyncFixtures.SCHOOL, USERS);
        SyncFixtures.sql("ANALYZE users");
    }

    @AfterAll
    static void remove() {
        // Other classes' reconciliations would find 5,000 teachers without profiles.
        SyncFixtures.sql("DELETE FROM users WHERE sourced_id LIKE ?", MARKER + "-%");
        SyncFixtures.sql("ANALYZE users");
    }

    private static String email(int i) {
        return MARKER + "-" + i + "@scale.example";
    }

    @Test
    void aRoleOrEmailFilterWithLimit100NeverScansUsers() throws Exception {
        for (String filter : List.of("roles.role='teacher'", "email='" + email(4242) + "'")) {
            for (String sort : List.of("sourcedId", "familyName")) {
                RosterQuery query = RosterQuery.of(RosterCollection.USERS, "100", null, sort, null, filter, null);
                RosterReader.PageStatements statements = RosterReader.statements(RosterCollection.USERS, query);

                JsonNode page = plan(statements.select(), statements.parameters());
                JsonNode count = plan(statements.count(), statements.countParameters());

                for (JsonNode plan : List.of(page, count)) {
                    List<JsonNode> onUsers = nodesOn(plan, "users");
                    assertThat(onUsers)
                            .as(filter + " sort " + sort + ": " + plan)
                            .isNotEmpty();
                    assertThat(onUsers)
                            .as(filter + " sort " + sort + ": " + plan)
                            .extracting(n -> n.path("Node Type").asText())
                            .doesNotContain("Seq Scan");
                    assertThat(indexesOf(plan))
                            .as(filter + " sort " + sort + ": " + plan)
                            .containsAnyOf("idx_users_role_org", "idx_users_email", "users_pkey");
                }
            }
        }
    }

    @Test
    void theSameQueriesOverHttpAnswerTheirPageAndTotal() {
        String token = OneRosterFixtures.token(CORE);
        Response teachers = given().auth()
                .oauth2(token)
                .queryParam("filter", "roles.role='teacher'")
                .queryParam("sort", "familyName")
                .queryParam("limit", 100)
                .get(BASE + "/users");
        assertThat(teachers.statusCode()).as(teachers.asString()).isEqualTo(200);
        assertThat(teachers.jsonPath().getList("users")).hasSize(100);
        assertThat(Long.parseLong(teachers.header("X-Total-Count"))).isGreaterThanOrEqualTo(TEACHERS);
        assertThat(teachers.jsonPath().getList("users.roles.role").stream()
                        .flatMap(r -> ((List<?>) r).stream())
                        .distinct()
                        .toList())
                .allMatch("teacher"::equals);
        assertThat(teachers.header("Link")).contains("rel=\"next\"");

        Response one = given().auth()
                .oauth2(token)
                .queryParam("filter", "email='" + email(4242) + "'")
                .queryParam("sort", "familyName")
                .queryParam("limit", 100)
                .get(BASE + "/users");
        assertThat(one.statusCode()).as(one.asString()).isEqualTo(200);
        assertThat(one.jsonPath().getList("users.sourcedId", String.class)).containsExactly(MARKER + "-004242");
        assertThat(one.header("X-Total-Count")).isEqualTo("1");
    }

    @Test
    void aFilteredPageOf10000IsAnsweredInOneStreamedResponse() {
        String token = OneRosterFixtures.token(CORE);
        Response parents = given().auth()
                .oauth2(token)
                .queryParam("filter", "roles.role='parent' AND email~'" + MARKER + "'")
                .queryParam("sort", "sourcedId")
                .queryParam("limit", 10_000)
                .get(BASE + "/users");

        assertThat(parents.statusCode()).as(parents.asString()).isEqualTo(200);
        // Written while the rows arrive: chunked, so its length was not known before the first byte went out.
        assertThat(parents.header("Transfer-Encoding")).isEqualTo("chunked");
        assertThat(parents.header("Content-Length")).isNull();
        List<String> ids = parents.jsonPath().getList("users.sourcedId", String.class);
        assertThat(ids).hasSize(10_000).doesNotHaveDuplicates().isSorted();
        // i even and not a multiple of 20: 45,000 parents among the 100,000; the first is i = 2, the 10,000th i =
        // 22,222.
        assertThat(ids.get(0)).isEqualTo(MARKER + "-000002");
        assertThat(ids.get(9_999)).isEqualTo(MARKER + "-022222");
        assertThat(parents.header("X-Total-Count")).isEqualTo("45000");
        List<Object> roles = parents.jsonPath().getList("users.roles.role").stream()
                .flatMap(r -> ((List<?>) r).stream())
                .distinct()
                .map(Object.class::cast)
                .toList();
        assertThat(roles).containsExactly("parent");
    }

    /** EXPLAIN (FORMAT JSON) of a statement with Hibernate's numbered placeholders, bound as RosterReader binds them. */
    private static JsonNode plan(String sql, List<Object> parameters) throws SQLException, java.io.IOException {
        Matcher placeholders = PLACEHOLDER.matcher(sql);
        int expected = 1;
        while (placeholders.find()) {
            // Numbered in the order they appear, so JDBC's positional '?' binds the same values.
            assertThat(Integer.parseInt(placeholders.group(1))).isEqualTo(expected++);
        }
        assertThat(expected - 1).isEqualTo(parameters.size());
        try (Connection c = DataStores.shared().postgres().connect(PostgresServer.DATABASE);
                PreparedStatement s = c.prepareStatement(
                        "EXPLAIN (FORMAT JSON) " + PLACEHOLDER.matcher(sql).replaceAll("?"))) {
            for (int i = 0; i < parameters.size(); i++) {
                s.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).isTrue();
                return JSON.readTree(r.getString(1)).get(0).get("Plan");
            }
        }
    }

    private static List<String> indexesOf(JsonNode plan) {
        List<String> found = new ArrayList<>();
        if (plan.has("Index Name")) {
            found.add(plan.path("Index Name").asText());
        }
        for (JsonNode child : plan.path("Plans")) {
            found.addAll(indexesOf(child));
        }
        return found;
    }

    private static List<JsonNode> nodesOn(JsonNode plan, String relation) {
        List<JsonNode> found = new ArrayList<>();
        if (relation.equals(plan.path("Relation Name").asText())) {
            found.add(plan);
        }
        for (JsonNode child : plan.path("Plans")) {
            found.addAll(nodesOn(child, relation));
        }
        return found;
    }
}
