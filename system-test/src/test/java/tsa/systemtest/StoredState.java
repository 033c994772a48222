package tsa.systemtest;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tsa.testsupport.DataStores;

/**
 * Everything the running system has stored, read straight from the stores: every DynamoDB item of every table (by
 * table and key) and a digest of every PostgreSQL table's rows. Two readings are compared to find what a request
 * changed.
 *
 * <p>Rate-limit bookkeeping is left out on purpose: a refused request is meant to count against its caller's limit
 * (the sign-in table's {@code rate_limit} items, the {@code limit#} counters of coach-service), so those items change
 * when requests are refused, and only those.
 */
final class StoredState {

    private final Map<String, String> dynamoItems;
    private final Map<String, String> postgresTables;

    /** Audit records of a refused admin write ({@code outcome=failed}) by key, each with the key of its first record. */
    private final Map<String, String> failureRecords;

    private StoredState(
            Map<String, String> dynamoItems, Map<String, String> postgresTables, Map<String, String> failureRecords) {
        this.dynamoItems = dynamoItems;
        this.postgresTables = postgresTables;
        this.failureRecords = failureRecords;
    }

    /**
     * Reads the stores of a started system: its tables and their keys are looked up once (the services provision them
     * at start-up), the items and rows at every {@link #read()}.
     */
    static final class Reader {
        private final DynamoDbClient dynamo;
        private final DataStores stores;
        private final Map<String, List<String>> keyNamesByTable = new TreeMap<>();

        Reader(DynamoDbClient dynamo, DataStores stores) {
            this.dynamo = dynamo;
            this.stores = stores;
            for (String table : dynamo.listTablesPaginator(r -> {}).tableNames()) {
                keyNamesByTable.put(
                        table,
                        dynamo.describeTable(r -> r.tableName(table)).table().keySchema().stream()
                                .map(k -> k.attributeName())
                                .toList());
            }
        }

        StoredState read() {
            return StoredState.read(dynamo, stores, keyNamesByTable);
        }
    }

    private static StoredState read(
            DynamoDbClient dynamo, DataStores stores, Map<String, List<String>> keyNamesByTable) {
        Map<String, String> items = new TreeMap<>();
        Map<String, String> failures = new TreeMap<>();
        for (Map.Entry<String, List<String>> tableKeys : keyNamesByTable.entrySet()) {
            String table = tableKeys.getKey();
            List<String> keyNames = tableKeys.getValue();
            for (Map<String, AttributeValue> item : dynamo.scanPaginator(
                            r -> r.tableName(table).consistentRead(true))
                    .items()) {
                if (isBookkeeping(item)) {
                    continue;
                }
                StringBuilder key = new StringBuilder(table);
                for (String name : keyNames) {
                    key.append(" ").append(name).append("=").append(text(item.get(name)));
                }
                items.put(key.toString(), canonical(item));
                AttributeValue outcome = item.get("outcome");
                AttributeValue first = item.get("related_log_id");
                if (table.startsWith("admin-audit-logs")
                        && outcome != null
                        && "failed".equals(outcome.s())
                        && first != null) {
                    failures.put(key.toString(), table + " log_id=" + text(first));
                }
            }
        }
        return new StoredState(items, postgresDigests(stores), failures);
    }

    /** What differs from {@code earlier}: one line per DynamoDB item added, removed or changed, and per SQL table. */
    List<String> changesSince(StoredState earlier) {
        return changesSince(earlier, Set.of());
    }

    /**
     * What a refused request changed, beside what architecture.md ("Audit") asks of a refused admin write: its audit
     * record, written before the write, and the {@code outcome=failed} record appended when the write is refused. Such
     * a pair, both added since {@code earlier}, is not a change; a lone record of either kind is.
     */
    List<String> changesOfARefusedRequestSince(StoredState earlier) {
        Set<String> recordedAttempts = new TreeSet<>();
        failureRecords.forEach((failure, first) -> {
            if (!earlier.dynamoItems.containsKey(failure)
                    && dynamoItems.containsKey(first)
                    && !earlier.dynamoItems.containsKey(first)) {
                recordedAttempts.add(failure);
                recordedAttempts.add(first);
            }
        });
        return changesSince(earlier, recordedAttempts);
    }

    private List<String> changesSince(StoredState earlier, Set<String> expected) {
        List<String> changes = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(earlier.dynamoItems.keySet());
        keys.addAll(dynamoItems.keySet());
        keys.removeAll(expected);
        for (String key : keys) {
            String before = earlier.dynamoItems.get(key);
            String after = dynamoItems.get(key);
            if (before == null) {
                changes.add("added " + key + " " + abbreviate(after));
            } else if (after == null) {
                changes.add("removed " + key);
            } else if (!before.equals(after)) {
                changes.add("changed " + key);
            }
        }
        for (Map.Entry<String, String> table : postgresTables.entrySet()) {
            if (!table.getValue().equals(earlier.postgresTables.get(table.getKey()))) {
                changes.add("changed rows of " + table.getKey());
            }
        }
        return changes;
    }

    private static String abbreviate(String text) {
        return text.length() > 400 ? text.substring(0, 400) + "…" : text;
    }

    int dynamoItemCount() {
        return dynamoItems.size();
    }

    private static boolean isBookkeeping(Map<String, AttributeValue> item) {
        AttributeValue kind = item.get("kind");
        if (kind != null && "rate_limit".equals(kind.s())) {
            return true;
        }
        return item.values().stream().anyMatch(v -> v.s() != null && v.s().startsWith("limit#"));
    }

    private static Map<String, String> postgresDigests(DataStores stores) {
        Map<String, String> digests = new TreeMap<>();
        try (Connection c = stores.postgres().connect("coach_portal");
                Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet r = s.executeQuery("select table_name from information_schema.tables"
                    + " where table_schema = 'public' and table_type = 'BASE TABLE'"
                    + " and table_name <> 'flyway_schema_history' order by table_name")) {
                while (r.next()) {
                    tables.add(r.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet r = s.executeQuery("select count(*) || ':' || coalesce(md5(string_agg(t::text, '|'"
                        + " order by t::text)), '') from \"" + table + "\" t")) {
                    r.next();
                    digests.put(table, r.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return digests;
    }

    private static String canonical(Map<String, AttributeValue> item) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(item)
                .forEach((name, value) ->
                        text.append(name).append('=').append(text(value)).append(';'));
        return text.toString();
    }

    private static String text(AttributeValue value) {
        if (value == null) {
            return "-";
        }
        if (value.hasM()) {
            return "{" + canonical(value.m()) + "}";
        }
        if (value.hasL()) {
            return value.l().stream().map(StoredState::text).toList().toString();
        }
        if (value.hasSs()) {
            return new TreeSet<>(value.ss()).toString();
        }
        if (value.hasNs()) {
            return new TreeSet<>(value.ns()).toString();
        }
        return value.toString();
    }
}
