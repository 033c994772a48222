package tsa.sync.oneroster.service;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import tsa.sync.oneroster.query.Filter;
import tsa.sync.oneroster.query.RosterCollection;
import tsa.sync.oneroster.query.RosterField;
import tsa.sync.oneroster.query.RosterQuery;
import tsa.sync.oneroster.query.SqlParameters;

/**
 * Reads OneRoster records from the compliance tables with one parameterised SQL statement per page (JDBC, streamed
 * through the driver's cursor): the collection's
 * fixed condition, then the caller's filter in its own parentheses, so a filter can only narrow what the collection
 * shows. Every SQL fragment comes from {@link RosterCollection} and {@link RosterField}; caller values are bound.
 */
@ApplicationScoped
public class RosterReader {

    private static final ObjectMapper JSON = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    private static final String ORG_COLUMNS = "p.sourced_id, p.status, EXTRACT(EPOCH FROM p.date_last_modified),"
            + " p.metadata, p.name, p.type, p.identifier, p.parent_id, p.children";
    private static final String USER_COLUMNS = "p.sourced_id, p.status, EXTRACT(EPOCH FROM p.date_last_modified),"
            + " p.metadata, p.username, p.enabled_user, p.given_name, p.family_name, p.middle_name, p.role, p.email,"
            + " p.phone, CAST(p.org_ids AS text), p.grades";

    /** Rows fetched from PostgreSQL per round trip while a page is streamed (the driver's cursor). */
    private static final int FETCH_SIZE = 500;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\?\\d+");

    @Inject
    DataSource dataSource;

    /**
     * The two statements of one collection page: the page itself (filter, sort with the primary key as tie-breaker,
     * limit, offset) and the count behind {@code X-Total-Count} (the same condition, without order or paging).
     * {@code parameters} are the page's; the count takes all but the last two (limit and offset). Placeholders are
     * numbered ({@code ?1}, {@code ?2}, ...) in the order they appear.
     */
    public record PageStatements(String select, String count, List<Object> parameters) {

        public List<Object> countParameters() {
            return parameters.subList(0, parameters.size() - 2);
        }
    }

    /** The SQL that {@link #writePage} and {@link #count} run for this query (public so that its plan can be examined). */
    public static PageStatements statements(RosterCollection collection, RosterQuery query) {
        SqlParameters parameters = new SqlParameters();
        String where = where(collection, query.filter(), parameters);
        String direction = query.descending() ? " DESC" : " ASC";
        String order = " ORDER BY " + query.sort().sql() + direction + " NULLS LAST, p.sourced_id" + direction;
        String page = " LIMIT " + parameters.bind(query.limit()) + " OFFSET " + parameters.bind(query.offset());
        String select = "SELECT " + columns(collection) + " FROM " + collection.source() + where + order + page;
        String count = "SELECT count(*) FROM " + collection.source() + where;
        return new PageStatements(select, count, parameters.values());
    }

    /** The number of records the query matches in all, whatever its page. */
    public long count(RosterCollection collection, RosterQuery query) {
        PageStatements statements = statements(collection, query);
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement count = prepare(connection, statements.count(), statements.countParameters());
                    ResultSet total = count.executeQuery()) {
                total.next();
                return total.getLong(1);
            }
        });
    }

    /**
     * Writes the page as the binding's envelope ({@code {"users": [...]}}) to {@code output} while PostgreSQL's cursor
     * hands the rows over, {@value #FETCH_SIZE} at a time: a page of 10,000 is never held whole, neither as rows nor
     * as JSON.
     */
    public void writePage(RosterCollection collection, RosterQuery query, String apiBase, OutputStream output) {
        PageStatements statements = statements(collection, query);
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement select = prepare(connection, statements.select(), statements.parameters());
                    JsonGenerator json = JSON.getFactory().createGenerator(output)) {
                select.setFetchSize(FETCH_SIZE);
                try (ResultSet rows = select.executeQuery()) {
                    json.writeStartObject();
                    json.writeArrayFieldStart(collection.collectionKey());
                    while (rows.next()) {
                        json.writeObject(select(record(collection, row(rows), apiBase), query.fields()));
                    }
                    json.writeEndArray();
                    json.writeEndObject();
                }
            } catch (SQLException e) {
                throw new IllegalStateException("OneRoster page query failed", e);
            } catch (IOException e) {
                // The client went away mid-page; nothing was changed, so there is nothing to undo.
                throw new UncheckedIOException(e);
            }
        });
    }

    public Optional<Map<String, Object>> find(
            RosterCollection collection, String sourcedId, Set<String> fields, String apiBase) {
        SqlParameters parameters = new SqlParameters();
        String sql = "SELECT " + columns(collection) + " FROM " + collection.source() + " WHERE ("
                + collection.fixedCondition() + ") AND p.sourced_id = " + parameters.bind(sourcedId);
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement select = prepare(connection, sql, parameters.values());
                    ResultSet rows = select.executeQuery()) {
                return rows.next()
                        ? Optional.of(select(record(collection, row(rows), apiBase), fields))
                        : Optional.<Map<String, Object>>empty();
            }
        });
    }

    private static String where(RosterCollection collection, Filter filter, SqlParameters parameters) {
        String where = " WHERE (" + collection.fixedCondition() + ")";
        if (filter == null) {
            return where;
        }
        String joint = filter.logic() == Filter.Logic.AND ? " AND " : " OR ";
        return where + " AND ("
                + filter.predicates().stream()
                        .map(p -> "(" + collection.fields().get(p.field()).condition(p, parameters) + ")")
                        .collect(Collectors.joining(joint))
                + ")";
    }

    /** A JDBC statement of numbered placeholders: they appear in order, so JDBC's positional {@code ?} bind the same. */
    private static PreparedStatement prepare(Connection connection, String sql, List<Object> values)
            throws SQLException {
        PreparedStatement statement =
                connection.prepareStatement(PLACEHOLDER.matcher(sql).replaceAll("?"));
        for (int i = 0; i < values.size(); i++) {
            statement.setObject(i + 1, values.get(i));
        }
        return statement;
    }

    /** The current row's columns: numbers and booleans as the driver reads them, everything else as text. */
    private static Object[] row(ResultSet rows) throws SQLException {
        int columns = rows.getMetaData().getColumnCount();
        Object[] row = new Object[columns];
        for (int i = 0; i < columns; i++) {
            Object value = rows.getObject(i + 1);
            row[i] = value == null || value instanceof Number || value instanceof Boolean
                    ? value
                    : rows.getString(i + 1);
        }
        return row;
    }

    private static String columns(RosterCollection collection) {
        return collection.kind() == RosterCollection.Kind.ORG ? ORG_COLUMNS : USER_COLUMNS;
    }

    private static Map<String, Object> select(Map<String, Object> record, Set<String> fields) {
        if (fields.isEmpty()) {
            return record;
        }
        Map<String, Object> selected = new LinkedHashMap<>();
        record.forEach((name, value) -> {
            if (fields.contains(name)) {
                selected.put(name, value);
            }
        });
        return selected;
    }

    private static Map<String, Object> record(RosterCollection collection, Object[] row, String apiBase) {
        return collection.kind() == RosterCollection.Kind.ORG ? org(row, apiBase) : user(row, apiBase);
    }

    private static Map<String, Object> org(Object[] row, String apiBase) {
        Map<String, Object> org = common(row);
        org.put("name", row[4]);
        org.put("type", row[5]);
        org.put("identifier", row[6]);
        if (row[7] != null) {
            org.put("parent", orgRef(apiBase, (String) row[7]));
        }
        List<String> children = stringList((String) row[8]);
        if (!children.isEmpty()) {
            org.put("children", children.stream().map(id -> orgRef(apiBase, id)).toList());
        }
        return org;
    }

    private static Map<String, Object> user(Object[] row, String apiBase) {
        Map<String, Object> user = common(row);
        putIfPresent(user, "username", row[4]);
        user.put("enabledUser", Boolean.FALSE.equals(row[5]) ? "false" : "true");
        user.put("givenName", row[6] == null ? "" : row[6]);
        user.put("familyName", row[7] == null ? "" : row[7]);
        putIfPresent(user, "middleName", row[8]);
        String role = oneRosterRole((String) row[9]);
        List<String> orgIds = stringList((String) row[12]);
        List<Map<String, Object>> roles = new ArrayList<>();
        for (String orgId : orgIds) {
            Map<String, Object> entry = new LinkedHashMap<>();
            // One role per org, so it is that org's primary role (RoleDType: exactly one primary per org).
            entry.put("roleType", "primary");
            entry.put("role", role);
            entry.put("org", orgRef(apiBase, orgId));
            roles.add(entry);
        }
        user.put("roles", roles);
        if (!orgIds.isEmpty()) {
            user.put("primaryOrg", orgRef(apiBase, orgIds.get(0)));
        }
        putIfPresent(user, "email", row[10]);
        putIfPresent(user, "phone", row[11]);
        List<String> grades = stringList((String) row[13]);
        if (!grades.isEmpty()) {
            user.put("grades", grades);
        }
        return user;
    }

    private static Map<String, Object> common(Object[] row) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("sourcedId", row[0]);
        // 1.1's "inactive" (and anything else that is not active) reads as tobedeleted in 1.2.
        record.put("status", "active".equals(row[1]) ? "active" : "tobedeleted");
        record.put("dateLastModified", utc(row[2]));
        Map<String, Object> metadata = jsonObject((String) row[3]);
        if (metadata != null) {
            record.put("metadata", metadata);
        }
        return record;
    }

    static String oneRosterRole(String stored) {
        for (Map.Entry<String, String> mapping : RosterField.ROLES.entrySet()) {
            if (mapping.getValue().equals(stored)) {
                return mapping.getKey();
            }
        }
        return stored;
    }

    private static Map<String, Object> orgRef(String apiBase, String sourcedId) {
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put(
                "href",
                apiBase + "/orgs/"
                        + URLEncoder.encode(sourcedId, StandardCharsets.UTF_8).replace("+", "%20"));
        ref.put("sourcedId", sourcedId);
        ref.put("type", "org");
        return ref;
    }

    /** Seconds since the epoch of a UTC timestamp, as ISO-8601 with Z, to the millisecond. */
    private static String utc(Object epochSeconds) {
        if (epochSeconds == null) {
            return Instant.EPOCH.toString();
        }
        BigDecimal seconds = epochSeconds instanceof BigDecimal d ? d : new BigDecimal(epochSeconds.toString());
        long micros = seconds.movePointRight(6).longValue();
        return Instant.EPOCH
                .plus(micros, ChronoUnit.MICROS)
                .truncatedTo(ChronoUnit.MILLIS)
                .toString();
    }

    private static void putIfPresent(Map<String, Object> record, String name, Object value) {
        if (value != null) {
            record.put(name, value);
        }
    }

    private static List<String> stringList(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            Object parsed = JSON.readValue(json, Object.class);
            if (!(parsed instanceof List<?> list)) {
                return List.of();
            }
            return list.stream()
                    .filter(String.class::isInstance)
                    .map(String.class::cast)
                    .toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    private static Map<String, Object> jsonObject(String json) {
        if (json == null) {
            return null;
        }
        try {
            Object parsed = JSON.readValue(json, Object.class);
            return parsed instanceof Map<?, ?>
                    ? JSON.convertValue(parsed, new TypeReference<Map<String, Object>>() {})
                    : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
