package tsa.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import tsa.sync.oneroster.query.RosterCollection;
import tsa.sync.oneroster.query.RosterQuery;
import tsa.sync.oneroster.service.RosterReader;
import tsa.testsupport.LocalSystem;
import tsa.testsupport.LocalSystem.Service;
import tsa.testsupport.PostgresServer;
import tsa.testsupport.ReferenceData;

/**
 * OneRoster {@code users} and Ed-Fi {@code students} pages at scale, each beside the same SQL through JDBC plus JSON
 * encoding in this process, with the plans (EXPLAIN ANALYZE) of that SQL.
 */
final class RosterScale {

    static final String FILTER = "roles.role='teacher'";
    static final String SORT = "familyName";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\?\\d+");
    private static final String ONEROSTER = "/ims/oneroster/rostering/v1p2";
    private static final String EDFI_STUDENTS_SELECT = "SELECT s.student_unique_id, s.student_usi, s.first_name,"
            + " s.last_name, s.middle_name, s.generation_code_suffix, s.birth_date, s.birth_city,"
            + " s.birth_state_abbreviation_descriptor, s.hispanic_latino_ethnicity, s.races, s._etag,"
            + " s._last_modified_date, s.created_at, s.updated_at FROM students s ORDER BY s.student_unique_id"
            + " OFFSET ? ROWS FETCH FIRST ? ROWS ONLY";
    private static final String EDFI_STUDENTS_COUNT = "SELECT count(*) FROM students s";

    record Timing(String name, Latencies service, Latencies raw, int serviceBytes, int rawBytes, int rows) {}

    private final LocalSystem system;
    private final Api api;
    private final Sessions sessions;
    private final BenchConfig config;

    RosterScale(LocalSystem system, Api api, Sessions sessions, BenchConfig config) {
        this.system = system;
        this.api = api;
        this.sessions = sessions;
        this.config = config;
    }

    private Connection connect() throws SQLException {
        return system.stores().postgres().connect(PostgresServer.DATABASE);
    }

    List<Timing> run(Report report) throws Exception {
        load(report);
        String oneRoster = api.standardsToken(
                sessions.admin(),
                "/ims/oneroster/oauth/token",
                "https://purl.imsglobal.org/spec/or/v1p2/scope/roster-core.readonly");
        String edFi = api.standardsToken(sessions.admin(), "/edfi/oauth/token", "urn:tsa:edfi:data.readonly");
        List<Timing> timings = new ArrayList<>();
        List<String> plans = new ArrayList<>();
        try (Connection c = connect()) {
            for (int limit : List.of(100, config.largePage())) {
                RosterQuery query =
                        RosterQuery.of(RosterCollection.USERS, Integer.toString(limit), null, SORT, null, FILTER, null);
                RosterReader.PageStatements sql = RosterReader.statements(RosterCollection.USERS, query);
                String path = ONEROSTER + "/users?filter=" + encode(FILTER) + "&sort=" + SORT + "&limit=" + limit;
                timings.add(time(
                        "OneRoster users, limit " + limit + ", filter " + FILTER + ", sort " + SORT,
                        () -> api.bytes(
                                api.request(Service.SYNC, path, oneRoster).GET().build()),
                        () -> oneRosterRaw(c, sql)));
                plans.add("OneRoster users, limit " + limit + ": page\n" + explain(c, sql.select(), sql.parameters()));
                plans.add("OneRoster users, limit " + limit + ": X-Total-Count\n"
                        + explain(c, sql.count(), sql.countParameters()));
            }
            String path = "/edfi/data/v3/ed-fi/students?limit=500&totalCount=true";
            timings.add(time(
                    "Ed-Fi students, limit 500, totalCount=true",
                    () -> api.bytes(api.request(Service.SYNC, path, edFi).GET().build()),
                    () -> edFiRaw(c)));
            plans.add("Ed-Fi students, limit 500: page\n" + explain(c, EDFI_STUDENTS_SELECT, List.of(0, 500)));
            plans.add("Ed-Fi students: Total-Count\n" + explain(c, EDFI_STUDENTS_COUNT, List.of()));
        }
        List<List<String>> rows = new ArrayList<>();
        for (Timing t : timings) {
            rows.add(List.of(
                    t.name(),
                    Integer.toString(t.rows()),
                    Report.ms(t.service().p50()),
                    Report.ms(t.service().p99()),
                    Report.ms(t.raw().p50()),
                    Report.ms(t.raw().p99()),
                    Report.ratio(t.service().p50(), t.raw().p50()),
                    t.serviceBytes() + " / " + t.rawBytes()));
        }
        report.table(
                List.of(
                        "page",
                        "records",
                        "service p50 ms",
                        "service p99 ms",
                        "JDBC+JSON p50 ms",
                        "JDBC+JSON p99 ms",
                        "p50 service/raw",
                        "bytes service / raw"),
                rows);
        report.paragraph("Each page: " + config.pageWarmUps() + " warm-up requests, then " + config.pageRuns()
                + " timed one after another (the whole body read). The raw side runs the same statements in this"
                + " process over one JDBC connection: for OneRoster the page and the count that"
                + " `RosterReader.statements` builds (the service's own code), for Ed-Fi the page and count Hibernate"
                + " issues for `Student.find(\"order by studentUniqueId\").range(0, 499)` and `count()`, written out"
                + " by hand; then the rows encoded as the same JSON records with Jackson.");
        report.heading(3, "Plans (EXPLAIN (ANALYZE, BUFFERS) of the raw statements)");
        List<String> seqScans = new ArrayList<>();
        for (String plan : plans) {
            for (String table : List.of("users", "students", "student_school_associations")) {
                if (Pattern.compile("Seq Scan on " + table + "\\b")
                        .matcher(plan)
                        .find()) {
                    seqScans.add(plan.lines().findFirst().orElse("") + ": Seq Scan on " + table);
                }
            }
        }
        report.paragraph(
                seqScans.isEmpty()
                        ? "No sequential scan of `users`, `students` or `student_school_associations` in any plan."
                        : "Sequential scans of the large tables: " + String.join("; ", seqScans) + ".");
        for (String plan : plans) {
            report.code(plan);
        }
        return timings;
    }

    private void load(Report report) throws SQLException {
        long start = System.nanoTime();
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            // One statement per table: the rows are made by the server (INSERT ... SELECT generate_series), the project
            // offering no bulk path (Ed-Fi's POST and the sync path write one record per call).
            s.executeUpdate(String.format(
                    Locale.ROOT,
                    "INSERT INTO users (sourced_id, role, email, username, given_name, family_name, org_ids,"
                            + " enabled_user) SELECT 'bench-u-' || lpad(CAST(i AS text), 7, '0'),"
                            + " CASE WHEN i %% 8 = 0 THEN 'teacher' WHEN i %% 2 = 0 THEN 'parent' ELSE 'student' END,"
                            + " 'bench-u-' || i || '@scale.example', 'bench-u-' || i, 'Given' || i,"
                            + " 'Family' || (i %% 997), jsonb_build_array(CAST('%s' AS text)), true"
                            + " FROM generate_series(1, %d) AS i",
                    ReferenceData.SCHOOL_AUSTIN,
                    config.users()));
            s.executeUpdate(String.format(
                    Locale.ROOT,
                    "INSERT INTO students (student_unique_id, student_usi, first_name, last_name, birth_date)"
                            + " SELECT 'BS' || lpad(CAST(i AS text), 7, '0'), 50000000 + i, 'First' || i,"
                            + " 'Last' || (i %% 991), DATE '2010-01-01' + (i %% 2000) FROM generate_series(1, %d) AS i",
                    config.students()));
            s.executeUpdate(String.format(
                    Locale.ROOT,
                    "INSERT INTO student_school_associations (student_unique_id, school_id, entry_date,"
                            + " entry_grade_level_descriptor, school_year) SELECT 'BS' || lpad(CAST(i AS text), 7, '0'),"
                            + " %s, DATE '2026-08-17', 'Ninth grade', 2027 FROM generate_series(1, %d) AS i",
                    ReferenceData.SCHOOL_AUSTIN,
                    config.students()));
            s.execute("VACUUM ANALYZE users");
            s.execute("VACUUM ANALYZE students");
            s.execute("VACUUM ANALYZE student_school_associations");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        report.paragraph(String.format(
                Locale.ROOT,
                "Loaded %,d `users` (1 in 8 a teacher, the rest parents and students, all of school %s), %,d Ed-Fi"
                        + " `students` and as many `student_school_associations` in %.1f s (%,.0f rows/s) with one"
                        + " `INSERT ... SELECT generate_series` per table through JDBC, then `VACUUM ANALYZE`. The"
                        + " project has no bulk load path (Ed-Fi `POST` writes one record per call, OneRoster is"
                        + " read-only), so the harness writes the rows itself. The `users` collection also shows each"
                        + " Ed-Fi student without a `users` row, so it holds %,d people.",
                config.users(),
                ReferenceData.SCHOOL_AUSTIN,
                config.students(),
                seconds,
                (config.users() + 2.0 * config.students()) / seconds,
                config.users() + config.students()));
    }

    @FunctionalInterface
    private interface Fetch<T> {
        T fetch() throws Exception;
    }

    private Timing time(String name, Fetch<HttpResponse<byte[]>> service, Fetch<byte[]> raw) throws Exception {
        Latencies s = new Latencies();
        Latencies r = new Latencies();
        int serviceBytes = 0;
        int rawBytes = 0;
        int records = 0;
        System.out.println("[bench] " + name);
        for (int i = 0; i < config.pageWarmUps() + config.pageRuns(); i++) {
            long before = System.nanoTime();
            HttpResponse<byte[]> response = service.fetch();
            long between = System.nanoTime();
            byte[] encoded = raw.fetch();
            long after = System.nanoTime();
            if (response.statusCode() != 200) {
                throw new IllegalStateException(name + " answered " + response.statusCode() + ": "
                        + new String(response.body(), StandardCharsets.UTF_8));
            }
            if (i >= config.pageWarmUps()) {
                s.record(between - before);
                r.record(after - between);
            }
            serviceBytes = response.body().length;
            rawBytes = encoded.length;
            if (i == 0) {
                JsonNode body = Api.JSON.readTree(response.body());
                records = body.isArray() ? body.size() : body.path("users").size();
            }
        }
        return new Timing(name, s, r, serviceBytes, rawBytes, records);
    }

    private static byte[] oneRosterRaw(Connection c, RosterReader.PageStatements sql) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String apiBase = "http://127.0.0.1" + ONEROSTER;
        try (PreparedStatement select = prepare(c, sql.select(), sql.parameters());
                PreparedStatement count = prepare(c, sql.count(), sql.countParameters());
                JsonGenerator json = Api.JSON.getFactory().createGenerator(out)) {
            try (ResultSet total = count.executeQuery()) {
                total.next();
                total.getLong(1);
            }
            select.setFetchSize(500);
            json.writeStartObject();
            json.writeArrayFieldStart("users");
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Map<String, Object> user = new LinkedHashMap<>();
                    user.put("sourcedId", rows.getString(1));
                    user.put("status", "active".equals(rows.getString(2)) ? "active" : "tobedeleted");
                    user.put("dateLastModified", rows.getString(3));
                    putIfPresent(user, "metadata", rows.getString(4));
                    putIfPresent(user, "username", rows.getString(5));
                    user.put("enabledUser", Boolean.toString(rows.getBoolean(6)));
                    user.put("givenName", rows.getString(7));
                    user.put("familyName", rows.getString(8));
                    putIfPresent(user, "middleName", rows.getString(9));
                    List<String> orgs = Api.JSON.readValue(rows.getString(13), List.class);
                    List<Map<String, Object>> roles = new ArrayList<>();
                    for (String org : orgs) {
                        roles.add(
                                Map.of("roleType", "primary", "role", rows.getString(10), "org", orgRef(apiBase, org)));
                    }
                    user.put("roles", roles);
                    if (!orgs.isEmpty()) {
                        user.put("primaryOrg", orgRef(apiBase, orgs.get(0)));
                    }
                    putIfPresent(user, "email", rows.getString(11));
                    putIfPresent(user, "phone", rows.getString(12));
                    json.writeObject(user);
                }
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    private static byte[] edFiRaw(Connection c) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PreparedStatement select = c.prepareStatement(EDFI_STUDENTS_SELECT);
                PreparedStatement count = c.prepareStatement(EDFI_STUDENTS_COUNT);
                JsonGenerator json = Api.JSON.getFactory().createGenerator(out)) {
            select.setInt(1, 0);
            select.setInt(2, 500);
            List<Map<String, Object>> items = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String id = rows.getString(1);
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put(
                            "id",
                            Base64.getUrlEncoder()
                                    .withoutPadding()
                                    .encodeToString(("students|" + id).getBytes(StandardCharsets.UTF_8)));
                    body.put("studentUniqueId", id);
                    body.put("firstName", rows.getString(3));
                    putIfPresent(body, "middleName", rows.getString(5));
                    body.put("lastSurname", rows.getString(4));
                    body.put("birthDate", rows.getString(7));
                    body.put("_etag", rows.getString(12));
                    body.put("_lastModifiedDate", rows.getString(13));
                    items.add(body);
                }
            }
            try (ResultSet total = count.executeQuery()) {
                total.next();
                total.getLong(1);
            }
            json.writeObject(items);
        }
        return out.toByteArray();
    }

    private static Map<String, Object> orgRef(String apiBase, String id) {
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("href", apiBase + "/orgs/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
        ref.put("sourcedId", id);
        ref.put("type", "org");
        return ref;
    }

    private static void putIfPresent(Map<String, Object> record, String name, Object value) {
        if (value != null) {
            record.put(name, value);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, List<Object> values) throws SQLException {
        PreparedStatement statement =
                c.prepareStatement(PLACEHOLDER.matcher(sql).replaceAll("?"));
        for (int i = 0; i < values.size(); i++) {
            statement.setObject(i + 1, values.get(i));
        }
        return statement;
    }

    private static String explain(Connection c, String sql, List<?> values) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (PreparedStatement s = c.prepareStatement(
                "EXPLAIN (ANALYZE, BUFFERS) " + PLACEHOLDER.matcher(sql).replaceAll("?"))) {
            for (int i = 0; i < values.size(); i++) {
                s.setObject(i + 1, values.get(i));
            }
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
        }
        return plan.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
