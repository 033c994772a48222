package tsa.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import tsa.testsupport.LocalSystem;
import tsa.testsupport.LocalSystem.Service;
import tsa.testsupport.PostgresServer;

/**
 * Profile sync: a reconciliation of many coach profiles (profiles/second, beside the raw reads it needs), and the lag
 * from a profile update to its OneRoster {@code users} row under a steady stream of updates.
 */
final class SyncBench {

    static final String PROFILES = "profilesdev";

    record Reconciliation(int profiles, double seconds, double perSecond, double rawSeconds, double rawPerSecond) {}

    record Lag(int sent, int seen, Latencies lag, Latencies update) {}

    private final LocalSystem system;
    private final Api api;
    private final RawStore store;
    private final Sessions sessions;
    private final BenchConfig config;

    SyncBench(LocalSystem system, Api api, RawStore store, Sessions sessions, BenchConfig config) {
        this.system = system;
        this.api = api;
        this.store = store;
        this.sessions = sessions;
        this.config = config;
    }

    Reconciliation reconcile(Report report) throws SQLException {
        double baseline = timeReconciliation();
        int existing = store.scanAll(PROFILES).size();
        long loadStart = System.nanoTime();
        loadProfiles(config.profiles());
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        int total = existing + config.profiles();
        JsonNode[] last = new JsonNode[1];
        long start = System.nanoTime();
        last[0] = runReconciliation();
        double seconds = (System.nanoTime() - start) / 1e9;
        double raw = rawReads();
        Reconciliation result = new Reconciliation(total, seconds, total / seconds, raw, total / raw);
        report.paragraph(String.format(
                Locale.ROOT,
                "%,d coach profiles were written straight into `%s` with BatchWriteItem in %.1f s (copies of the"
                        + " first demo coach's item, new `coach_id` and address, no sync-pending mark: the project has"
                        + " no bulk path for profiles, and onboarding each through the API would take hours). A"
                        + " reconciliation over the %d demo profiles alone took %.2f s (its fixed cost).",
                config.profiles(),
                PROFILES,
                loadSeconds,
                existing,
                baseline));
        Map<String, Object> counts = new LinkedHashMap<>();
        last[0].fields().forEachRemaining(field -> {
            if (field.getValue().isNumber()) {
                counts.put(field.getKey(), field.getValue().asText());
            } else if (field.getValue().isArray()) {
                counts.put(field.getKey() + " (entries)", field.getValue().size());
            }
        });
        report.table(
                List.of("run", "profiles", "seconds", "profiles/s", "raw reads s", "raw profiles/s", "ratio"),
                List.of(List.of(
                        "POST /api/sync/reconciliations (repair=false)",
                        Integer.toString(total),
                        String.format(Locale.ROOT, "%.2f", seconds),
                        Report.num(result.perSecond()),
                        String.format(Locale.ROOT, "%.2f", raw),
                        Report.num(result.rawPerSecond()),
                        Report.ratio(seconds, raw))));
        report.paragraph("The raw limit: the reads a reconciliation cannot avoid, through the SDK and JDBC in this"
                + " process: every profile by `status-index` (one status at a time, pages of 100 as"
                + " `tsa.sync.reconciliation.page-size`) and every `teacher` row of `users`. The report's figures: "
                + counts);
        return result;
    }

    private double timeReconciliation() {
        long start = System.nanoTime();
        runReconciliation();
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * Starts a reconciliation (a background job: 202 with its id) and polls its report every 20 ms until it is no
     * longer running; the report of a completed run.
     */
    private JsonNode runReconciliation() {
        JsonNode started = api.postJson(202, Service.SYNC, "/api/sync/reconciliations", sessions.admin(), Map.of());
        String path =
                "/api/sync/reconciliations/" + started.path("reconciliationId").asText();
        JsonNode report = started;
        while ("running".equals(report.path("status").asText())) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the reconciliation ran", e);
            }
            report = api.get(200, Service.SYNC, path, sessions.admin());
        }
        if (!"completed".equals(report.path("status").asText())) {
            throw new IllegalStateException("the reconciliation did not complete: " + report);
        }
        return report;
    }

    private void loadProfiles(int count) {
        Map<String, AttributeValue> template = store.dynamo
                .getItem(r -> r.tableName(PROFILES)
                        .key(Map.of(store.tableKey(PROFILES).hash(), AttributeValue.fromS(sessions.coachId()))))
                .item();
        String hash = store.tableKey(PROFILES).hash();
        String pending = store.indexKey(PROFILES, "sync-pending-index").hash();
        String emailAttribute = template.entrySet().stream()
                .filter(e -> sessions.coachEmail().equals(e.getValue().s()))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(null);
        List<WriteRequest> batch = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            Map<String, AttributeValue> item = new HashMap<>(template);
            item.put(hash, AttributeValue.fromS(String.format(Locale.ROOT, "bench-coach-%06d", i)));
            if (emailAttribute != null) {
                item.put(emailAttribute, AttributeValue.fromS("bench.coach." + i + "@tsa.example"));
            }
            item.remove(pending);
            batch.add(WriteRequest.builder()
                    .putRequest(PutRequest.builder().item(item).build())
                    .build());
            if (batch.size() == 25 || i == count) {
                write(batch);
                batch = new ArrayList<>();
            }
        }
    }

    private void write(List<WriteRequest> batch) {
        Map<String, List<WriteRequest>> left = Map.of(PROFILES, batch);
        while (!left.isEmpty()) {
            Map<String, List<WriteRequest>> now = left;
            BatchWriteItemResponse response = store.dynamo.batchWriteItem(r -> r.requestItems(now));
            left = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
        }
    }

    private double rawReads() throws SQLException {
        String statusAttribute = store.indexKey(PROFILES, "status-index").hash();
        Set<String> statuses = new TreeSet<>();
        store.scanAll(PROFILES).forEach(item -> {
            if (item.get(statusAttribute) != null) {
                statuses.add(item.get(statusAttribute).s());
            }
        });
        long start = System.nanoTime();
        int read = 0;
        for (String status : statuses) {
            Map<String, AttributeValue> from = null;
            do {
                Map<String, AttributeValue> exclusive = from;
                QueryResponse page = store.dynamo.query(r -> r.tableName(PROFILES)
                        .indexName("status-index")
                        .keyConditionExpression("#s = :s")
                        .expressionAttributeNames(Map.of("#s", statusAttribute))
                        .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(status)))
                        .limit(100)
                        .exclusiveStartKey(exclusive));
                read += page.count();
                from = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                        ? page.lastEvaluatedKey()
                        : null;
            } while (from != null);
        }
        try (Connection c = system.stores().postgres().connect(PostgresServer.DATABASE);
                PreparedStatement s = c.prepareStatement(
                        "SELECT sourced_id, status, given_name, family_name, email, phone, org_ids, profile_id"
                                + " FROM users WHERE role = 'teacher'");
                ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                rows.getString(1);
            }
        }
        if (read == 0) {
            throw new IllegalStateException("status-index returned no profiles");
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Updates the first coach's phone at a fixed rate and watches the users row for each value. */
    Lag lag(Report report) throws Exception {
        String coachId = sessions.coachId();
        AtomicBoolean stop = new AtomicBoolean();
        Map<String, Long> seen = new ConcurrentHashMap<>();
        Map<String, Long> sent = new ConcurrentHashMap<>();
        Latencies updates = new Latencies();
        Thread poller;
        try (Connection c = system.stores().postgres().connect(PostgresServer.DATABASE)) {
            PreparedStatement read =
                    c.prepareStatement("SELECT phone FROM users WHERE profile_id = ? OR sourced_id = ?");
            read.setString(1, coachId);
            read.setString(2, coachId);
            poller = new Thread(
                    () -> {
                        String last = null;
                        try {
                            while (!stop.get()) {
                                try (ResultSet rows = read.executeQuery()) {
                                    String phone = rows.next() ? rows.getString(1) : null;
                                    if (phone != null && !phone.equals(last)) {
                                        seen.putIfAbsent(phone, System.nanoTime());
                                        last = phone;
                                    }
                                }
                                Thread.sleep(2);
                            }
                        } catch (SQLException | InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                    },
                    "users-row-poller");
            poller.setDaemon(true);
            poller.start();

            HttpResponse<String> me = api.send(api.request(Service.COACH, "/api/coach/profiles/me", sessions.coach())
                    .GET()
                    .build());
            JsonNode profile = Api.JSON.readTree(me.body());
            String etag = me.headers().firstValue("ETag").orElseThrow();
            long interval = 1_000_000_000L / config.lagUpdatesPerSecond();
            long start = System.nanoTime();
            long end = start + config.lagDuration().toNanos();
            int i = 0;
            while (true) {
                long due = start + i * interval;
                if (due >= end) {
                    break;
                }
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                String phone = String.format(Locale.ROOT, "+1 512 %03d %04d", 100 + i / 10_000, i % 10_000);
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("firstName", profile.path("firstName").asText());
                body.put("lastName", profile.path("lastName").asText());
                body.put("phone", phone);
                body.put("schoolId", profile.path("schoolId").asText());
                body.put("sportSpecialties", Api.JSON.convertValue(profile.path("sportSpecialties"), List.class));
                long before = System.nanoTime();
                sent.put(phone, before);
                HttpResponse<String> put =
                        api.send(api.request(Service.COACH, "/api/coach/profiles/me", sessions.coach())
                                .header("Content-Type", "application/json")
                                .header("If-Match", etag)
                                .PUT(Api.json(body))
                                .build());
                updates.record(System.nanoTime() - before);
                if (put.statusCode() != 200) {
                    throw new IllegalStateException("profile update answered " + put.statusCode() + ": " + put.body());
                }
                etag = put.headers().firstValue("ETag").orElseThrow();
                i++;
            }
            long grace = System.nanoTime() + 10_000_000_000L;
            String lastPhone = String.format(Locale.ROOT, "+1 512 %03d %04d", 100 + (i - 1) / 10_000, (i - 1) % 10_000);
            while (!seen.containsKey(lastPhone) && System.nanoTime() < grace) {
                Thread.sleep(10);
            }
            stop.set(true);
            poller.join(5_000);
        }
        Latencies lags = new Latencies();
        sent.forEach((phone, at) -> {
            Long appeared = seen.get(phone);
            if (appeared != null) {
                lags.record(appeared - at);
            }
        });
        Lag lag = new Lag(sent.size(), lags.count(), lags, updates);
        report.table(
                List.of(
                        "updates sent",
                        "rate /s",
                        "seen in users",
                        "lag p50 ms",
                        "lag p99 ms",
                        "PUT /profiles/me p50 ms",
                        "PUT p99 ms"),
                List.of(List.of(
                        Integer.toString(lag.sent()),
                        Integer.toString(config.lagUpdatesPerSecond()),
                        Integer.toString(lag.seen()),
                        Report.ms(lags.p50()),
                        Report.ms(lags.p99()),
                        Report.ms(updates.p50()),
                        Report.ms(updates.p99()))));
        report.paragraph("Lag: from just before the coach's `PUT /api/coach/profiles/me` (a new `phone`) to the first"
                + " poll (every 2 ms, JDBC) that reads that phone in the coach's `users` row. An update overwritten"
                + " before a poll saw it is not counted (seen < sent).");
        return lag;
    }
}
