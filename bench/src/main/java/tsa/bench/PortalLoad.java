package tsa.bench;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import tsa.testsupport.LocalSystem;
import tsa.testsupport.LocalSystem.Service;
import tsa.testsupport.demo.DemoData;

/**
 * Request cost of each portal's hot calls: a closed loop against the running service and, in the same process run,
 * the raw DynamoDB call it wraps (same table, key, index, page size and item), at each concurrency level.
 */
final class PortalLoad {

    static final int PAGE = 20;

    /** A measured call: the service request and its raw store call. */
    record Case(
            String name,
            Service target,
            String service,
            String raw,
            boolean read,
            ClosedLoop.Call serviceCall,
            ClosedLoop.Call rawCall,
            Wrk.Request wrkRequest) {}

    /** A level's figures; {@code wrk} is null when wrk is not installed. */
    record Row(Case c, ClosedLoop.Result service, ClosedLoop.Result raw, Wrk.Result wrk) {

        /** The service's p50 as the target reads it: wrk's where it ran (no JVM client in the figure). */
        double serviceP50() {
            return wrk != null ? wrk.p50() : service.p50();
        }
    }

    private final LocalSystem system;
    private final Api api;
    private final RawStore store;
    private final Sessions sessions;
    private final BenchConfig config;
    private final Optional<Wrk> wrk;

    PortalLoad(LocalSystem system, Api api, RawStore store, Sessions sessions, BenchConfig config) {
        this.system = system;
        this.api = api;
        this.store = store;
        this.sessions = sessions;
        this.config = config;
        this.wrk = Wrk.find();
    }

    List<Row> run(Report report) {
        List<Case> cases = cases(report);
        List<Row> rows = new ArrayList<>();
        List<List<String>> breakdown = new ArrayList<>();
        for (Case c : cases) {
            // The JIT first: both sides run the call at each level in turn, unrecorded, so that no level measures
            // cold code. A level's own warm-up (a few seconds) is too short for C2 on these two cores: a service
            // compiles 8,000-17,000 methods, and the paths hot at concurrency 1 are not all those hot at 8 (going
            // from 8 to 1 cost coach-service 14 s of C2 time; jstat -compiler during the 17:21Z run).
            System.out.println("[bench] " + c.name() + ": JIT warm-up");
            Duration perLevel = config.jitWarmUp().dividedBy(config.levels().size());
            for (int level : config.levels()) {
                ClosedLoop.run(level, perLevel, Duration.ZERO, c.serviceCall());
                ClosedLoop.run(level, perLevel, Duration.ZERO, c.rawCall());
            }
            for (int level : config.levels()) {
                System.out.println("[bench] " + c.name() + " at " + level + ": service");
                ServiceMetrics.Snapshot before = ServiceMetrics.read(api, c.target());
                Cpu cpuBefore = cpu(c.target());
                ClosedLoop.Result service = ClosedLoop.run(level, config.warmUp(), config.measured(), c.serviceCall());
                if (level == config.levels().get(0)) {
                    Used cpuUsed = cpu(c.target()).minus(cpuBefore);
                    breakdown.add(breakdown(
                            c, service, ServiceMetrics.read(api, c.target()).minus(before), cpuUsed));
                }
                System.out.println("[bench] " + c.name() + " at " + level + ": raw");
                ClosedLoop.Result raw = ClosedLoop.run(level, config.warmUp(), config.measured(), c.rawCall());
                Wrk.Result outside = null;
                if (wrk.isPresent()) {
                    System.out.println("[bench] " + c.name() + " at " + level + ": service under wrk");
                    outside = wrk.get().run(level, config.warmUp(), config.measured(), c.wrkRequest());
                }
                rows.add(new Row(c, service, raw, outside));
            }
        }
        List<List<String>> table = new ArrayList<>();
        List<List<String>> wrkTable = new ArrayList<>();
        for (Row row : rows) {
            table.add(List.of(
                    row.c().name(),
                    Integer.toString(row.service().concurrency()),
                    Report.num(row.service().perSecond()),
                    Report.ms(row.service().p50()),
                    Report.ms(row.service().p99()),
                    Report.num(row.raw().perSecond()),
                    Report.ms(row.raw().p50()),
                    Report.ms(row.raw().p99()),
                    Report.ratio(row.service().p50(), row.raw().p50()),
                    Report.ratio(row.service().p99(), row.raw().p99()),
                    Report.ratio(row.raw().perSecond(), row.service().perSecond()),
                    row.service().errors() + "/" + row.raw().errors()));
            if (row.wrk() != null) {
                wrkTable.add(List.of(
                        row.c().name(),
                        Integer.toString(row.wrk().concurrency()),
                        Report.num(row.wrk().perSecond()),
                        Report.ms(row.wrk().p50()),
                        Report.ms(row.wrk().p99()),
                        Report.ms(row.raw().p50()),
                        Report.ratio(row.wrk().p50(), row.raw().p50()),
                        Report.ratio(row.wrk().p99(), row.raw().p99()),
                        Report.ratio(row.wrk().p50(), row.service().p50()),
                        Long.toString(row.wrk().errors())));
            }
        }
        report.table(
                List.of(
                        "call",
                        "concurrency",
                        "service req/s",
                        "service p50 ms",
                        "service p99 ms",
                        "raw calls/s",
                        "raw p50 ms",
                        "raw p99 ms",
                        "p50 service/raw",
                        "p99 service/raw",
                        "throughput raw/service",
                        "errors service/raw"),
                table);
        if (wrk.isPresent()) {
            report.paragraph("The same service calls with `wrk` as the load generator (one C thread in a process of its"
                    + " own, `-c` connections = concurrency, the same warm-up and duration), beside the raw figures of"
                    + " the table above: the service's cost without this JVM's HTTP client in it. The targets read"
                    + " these p50s.");
            report.table(
                    List.of(
                            "call",
                            "concurrency",
                            "service req/s (wrk)",
                            "service p50 ms (wrk)",
                            "service p99 ms (wrk)",
                            "raw p50 ms",
                            "p50 wrk/raw",
                            "p99 wrk/raw",
                            "p50 wrk/Java client",
                            "errors"),
                    wrkTable);
        } else {
            report.paragraph("`wrk` is not installed (`apt-get install wrk`): the service figures above carry this"
                    + " JVM's HTTP client, which competes with the service and dynalite for the cores.");
        }
        report.paragraph("Where a request's time goes, from the service's own timers (/q/metrics, read before and after"
                + " the loop at concurrency " + config.levels().get(0) + ", warm-up included): the server's time per"
                + " request (`http_server_requests_seconds`), the DynamoDB calls it made per request and their time"
                + " (`tsa_dynamodb_calls_seconds`, the SDK call as the service sees it), and what is left: request"
                + " handling, token verification, mapping, JSON, any PostgreSQL read and waiting for a worker thread"
                + " (invitation create also writes the mail's outcome after it answered, off the request)."
                + " \"Client p50\" is the load generator's figure for the same loop. The CPU columns are each"
                + " process' CPU time (user plus system, all threads, /proc/<pid>/stat in 10 ms ticks) over the same"
                + " loop divided by its requests: what a request costs in CPU beside what it takes in time.");
        report.table(
                List.of(
                        "call",
                        "client p50 ms",
                        "server mean ms",
                        "DynamoDB calls per request",
                        "DynamoDB ms per request",
                        "server minus DynamoDB ms",
                        "service CPU ms per request",
                        "service's busiest threads (CPU ms per request)",
                        "dynalite CPU ms per request",
                        "load generator CPU ms per request"),
                breakdown);
        for (Row row : rows) {
            String error = row.service().firstError() != null
                    ? row.service().firstError()
                    : row.raw().firstError();
            if (error != null) {
                report.paragraph("First error of " + row.c().name() + " at "
                        + row.service().concurrency() + ": `" + error + "`");
            }
        }
        return rows;
    }

    private List<Case> cases(Report report) {
        String profiles = "profilesdev";
        String scheduling = "tsa-parent-schedulingdev";
        String enrollments = "tsa-parent-enrollmentsdev";
        String audit = "admin-audit-logsdev";
        String invitations = "coach-invitationsdev";
        List<List<String>> shapes = new ArrayList<>();

        // Coach profile by id: GetItem (consistent, as VersionedItems reads) of the coach's own profile item.
        RawStore.KeyNames profileKey = store.tableKey(profiles);
        Map<String, AttributeValue> key = Map.of(profileKey.hash(), AttributeValue.fromS(sessions.coachId()));
        Map<String, AttributeValue> profile =
                store.dynamo.getItem(r -> r.tableName(profiles).key(key)).item();
        shapes.add(
                List.of("coach profile", profiles, "GetItem " + profileKey.hash(), "1", RawStore.size(profile) + ""));

        // The coach's schedule for a week: Query of coach-schedule-index between two dates.
        LocalDate from = LocalDate.now().plusDays(7);
        LocalDate to = from.plusDays(6);
        RawStore.KeyNames scheduleKey = store.indexKey(scheduling, "coach-schedule-index");
        QueryRequest schedule = QueryRequest.builder()
                .tableName(scheduling)
                .indexName("coach-schedule-index")
                .keyConditionExpression("#h = :h AND #r BETWEEN :a AND :b")
                .expressionAttributeNames(Map.of("#h", scheduleKey.hash(), "#r", scheduleKey.range()))
                .expressionAttributeValues(Map.of(
                        ":h", AttributeValue.fromS(sessions.coachId()),
                        ":a", AttributeValue.fromS(from.toString()),
                        ":b", AttributeValue.fromS(to + "\uffff")))
                .limit(PAGE)
                .build();
        shapes.add(shape(
                "coach schedule (week)",
                scheduling,
                "Query coach-schedule-index",
                store.dynamo.query(schedule).items()));

        // The parent's enrollments: Query of parent-enrollments-index.
        RawStore.KeyNames parentKey = store.indexKey(enrollments, "parent-enrollments-index");
        QueryRequest parentEnrollments = QueryRequest.builder()
                .tableName(enrollments)
                .indexName("parent-enrollments-index")
                .keyConditionExpression("#h = :h")
                .expressionAttributeNames(Map.of("#h", parentKey.hash()))
                .expressionAttributeValues(Map.of(":h", AttributeValue.fromS(sessions.parentEmail())))
                .limit(PAGE)
                .build();
        shapes.add(shape(
                "parent's enrollments",
                enrollments,
                "Query parent-enrollments-index",
                store.dynamo.query(parentEnrollments).items()));

        // A page of the audit trail by admin, newest first: Query of admin-actions-index backwards.
        RawStore.KeyNames adminKey = store.indexKey(audit, "admin-actions-index");
        QueryRequest auditPage = QueryRequest.builder()
                .tableName(audit)
                .indexName("admin-actions-index")
                .keyConditionExpression("#h = :h")
                .expressionAttributeNames(Map.of("#h", adminKey.hash()))
                .expressionAttributeValues(Map.of(":h", AttributeValue.fromS(DemoData.ADMIN)))
                .scanIndexForward(false)
                .limit(PAGE)
                .build();
        shapes.add(shape(
                "audit log page",
                audit,
                "Query admin-actions-index",
                store.dynamo.query(auditPage).items()));

        // Invitation create: a conditional PutItem of a copy of a stored invitation (new id and address).
        RawStore.KeyNames invitationKey = store.tableKey(invitations);
        String emailAttribute = store.indexKey(invitations, "coach-email-index").hash();
        Map<String, AttributeValue> invitation = store.scanAll(invitations).get(0);
        shapes.add(List.of(
                "invitation create",
                invitations,
                "PutItem if attribute_not_exists(" + invitationKey.hash() + ")",
                "1",
                RawStore.size(invitation) + ""));

        report.paragraph("The raw calls and the items they touch (read from the tables the services wrote; sizes are"
                + " attribute names plus values). Pages are " + PAGE + " items at most, as the service calls ask"
                + " (`limit=" + PAGE + "`).");
        report.table(List.of("call", "table", "raw call", "items", "bytes"), shapes);

        String coachId = sessions.coachId();
        AtomicLong invited = new AtomicLong();
        String run = UUID.randomUUID().toString().substring(0, 8);
        return List.of(
                new Case(
                        "coach profile by id",
                        Service.COACH,
                        "GET /api/coach/profiles/{coachId} (coach)",
                        "GetItem",
                        true,
                        () -> api.status(api.request(Service.COACH, "/api/coach/profiles/" + coachId, sessions.coach())
                                        .GET()
                                        .build())
                                == 200,
                        () -> store.dynamo
                                .getItem(r -> r.tableName(profiles).key(key).consistentRead(true))
                                .hasItem(),
                        Wrk.Request.get(api.uri(Service.COACH, "/api/coach/profiles/" + coachId), sessions.coach())),
                new Case(
                        "coach's schedule for a week",
                        Service.PARENT,
                        "GET /api/parent/appointments?from&to (coach)",
                        "Query",
                        true,
                        () -> api.status(api.request(
                                                Service.PARENT,
                                                "/api/parent/appointments?from=" + from + "&to=" + to + "&limit="
                                                        + PAGE,
                                                sessions.coach())
                                        .GET()
                                        .build())
                                == 200,
                        () -> store.dynamo.query(schedule).hasItems(),
                        Wrk.Request.get(
                                api.uri(
                                        Service.PARENT,
                                        "/api/parent/appointments?from=" + from + "&to=" + to + "&limit=" + PAGE),
                                sessions.coach())),
                new Case(
                        "parent's enrollments",
                        Service.PARENT,
                        "GET /api/parent/enrollments (parent)",
                        "Query",
                        true,
                        () -> api.status(api.request(
                                                Service.PARENT,
                                                "/api/parent/enrollments?limit=" + PAGE,
                                                sessions.parent())
                                        .GET()
                                        .build())
                                == 200,
                        () -> store.dynamo.query(parentEnrollments).hasItems(),
                        Wrk.Request.get(
                                api.uri(Service.PARENT, "/api/parent/enrollments?limit=" + PAGE), sessions.parent())),
                new Case(
                        "audit log page by admin",
                        Service.ADMIN,
                        "GET /api/admin/audit-logs?adminEmail (admin)",
                        "Query",
                        true,
                        () -> api.status(api.request(
                                                Service.ADMIN,
                                                "/api/admin/audit-logs?adminEmail=" + DemoData.ADMIN + "&limit=" + PAGE,
                                                sessions.admin())
                                        .GET()
                                        .build())
                                == 200,
                        () -> store.dynamo.query(auditPage).hasItems(),
                        Wrk.Request.get(
                                api.uri(
                                        Service.ADMIN,
                                        "/api/admin/audit-logs?adminEmail=" + DemoData.ADMIN + "&limit=" + PAGE),
                                sessions.admin())),
                new Case(
                        "invitation create",
                        Service.ADMIN,
                        "POST /api/admin/coach-invitations (admin)",
                        "PutItem",
                        false,
                        () -> {
                            long n = invited.incrementAndGet();
                            return api.status(
                                            api.request(Service.ADMIN, "/api/admin/coach-invitations", sessions.admin())
                                                    .header("Content-Type", "application/json")
                                                    .POST(HttpRequest.BodyPublishers.ofString(
                                                            invitationBody("bench." + run + "." + n)))
                                                    .build())
                                    == 201;
                        },
                        () -> {
                            long n = invited.incrementAndGet();
                            Map<String, AttributeValue> item = new HashMap<>(invitation);
                            item.put(
                                    invitationKey.hash(),
                                    AttributeValue.fromS(UUID.randomUUID().toString()));
                            item.put(emailAttribute, AttributeValue.fromS("raw." + run + "." + n + "@tsa.example"));
                            store.dynamo.putItem(r -> r.tableName(invitations)
                                    .item(item)
                                    .conditionExpression("attribute_not_exists(#k)")
                                    .expressionAttributeNames(Map.of("#k", invitationKey.hash())));
                            return true;
                        },
                        Wrk.Request.post(
                                api.uri(Service.ADMIN, "/api/admin/coach-invitations"),
                                sessions.admin(),
                                invitationBody("wrk." + run + ".%n"))));
    }

    /** An invitation create's body for the address {@code localPart@tsa.example}. */
    private static String invitationBody(String localPart) {
        Map<String, Object> body = Map.of(
                "coachEmail",
                localPart + "@tsa.example",
                "firstName",
                "Bench",
                "lastName",
                "Coach",
                "schoolId",
                DemoData.SCHOOL_ID,
                "sport",
                "basketball",
                "permissions",
                List.of("invite_parents"));
        try {
            return Api.JSON.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** CPU milliseconds used so far by the service, dynalite and this process (the load generator). */
    private record Cpu(
            double service, Map<Long, ProcessCpu.ThreadCpu> serviceThreads, double dynalite, double loadGenerator) {

        Used minus(Cpu before) {
            return new Used(
                    service - before.service,
                    ProcessCpu.usedByKind(before.serviceThreads, serviceThreads),
                    dynalite - before.dynalite,
                    loadGenerator - before.loadGenerator);
        }
    }

    /** CPU milliseconds used over a loop; the service's by kind of thread. */
    private record Used(double service, Map<String, Double> serviceThreads, double dynalite, double loadGenerator) {

        /** The service's busiest kinds of thread, with their CPU per request. */
        String busiestThreads(double requests) {
            return serviceThreads.entrySet().stream()
                    .filter(e -> e.getValue() > 0)
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .limit(5)
                    .map(e -> e.getKey() + " " + Report.ms(e.getValue() / requests))
                    .collect(java.util.stream.Collectors.joining(", "));
        }
    }

    private Cpu cpu(Service target) {
        long pid = system.processes().get(target).pid();
        return new Cpu(
                ProcessCpu.millis(pid),
                ProcessCpu.threads(pid),
                ProcessCpu.millis(system.stores().dynamo().pid()),
                ProcessCpu.millis(ProcessHandle.current().pid()));
    }

    private static List<String> breakdown(Case c, ClosedLoop.Result client, ServiceMetrics.Snapshot delta, Used cpu) {
        double requests = 0;
        double serverSeconds = 0;
        double dynamoCalls = 0;
        double dynamoSeconds = 0;
        List<String> calls = new ArrayList<>();
        for (Map.Entry<String, double[]> series : delta.series().entrySet()) {
            String key = series.getKey();
            double[] value = series.getValue();
            if (key.startsWith("http ") && !key.contains("/q/")) {
                requests += value[0];
                serverSeconds += value[1];
            } else if (key.startsWith("dynamodb ")) {
                dynamoCalls += value[0];
                dynamoSeconds += value[1];
            }
        }
        for (Map.Entry<String, double[]> series : delta.series().entrySet()) {
            if (series.getKey().startsWith("dynamodb ") && requests > 0) {
                String[] parts = series.getKey().split(" ");
                calls.add(String.format(
                        java.util.Locale.ROOT, "%.2f %s %s", series.getValue()[0] / requests, parts[1], parts[2]));
            }
        }
        if (requests == 0) {
            return List.of(c.name(), Report.ms(client.p50()), "n/a", "n/a", "n/a", "n/a", "n/a", "n/a", "n/a", "n/a");
        }
        double server = serverSeconds * 1000 / requests;
        double dynamo = dynamoSeconds * 1000 / requests;
        return List.of(
                c.name(),
                Report.ms(client.p50()),
                Report.ms(server),
                String.format(java.util.Locale.ROOT, "%.2f (%s)", dynamoCalls / requests, String.join(", ", calls)),
                Report.ms(dynamo),
                Report.ms(server - dynamo),
                Report.ms(cpu.service() / requests),
                cpu.busiestThreads(requests),
                Report.ms(cpu.dynalite() / requests),
                Report.ms(cpu.loadGenerator() / requests));
    }

    private static List<String> shape(String name, String table, String call, List<Map<String, AttributeValue>> items) {
        int bytes = items.stream().mapToInt(RawStore::size).sum();
        return List.of(name, table, call, Integer.toString(items.size()), Integer.toString(bytes));
    }
}
