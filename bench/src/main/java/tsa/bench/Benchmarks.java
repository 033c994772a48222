package tsa.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tsa.runtime.dynamo.BufferedRequestBodies;
import tsa.testsupport.LocalSystem;
import tsa.testsupport.LocalSystem.Service;
import tsa.testsupport.ProjectLayout;
import tsa.testsupport.demo.DemoData;

/**
 * The benchmark (issue 25): starts the four packaged services on the real stores (as the local run does, free ports),
 * loads the demo data through their APIs, then measures each figure beside its limit in the same run and writes one
 * Markdown file to bench/results/. Run it with bench/run.sh (bench/README.md); it is not part of the test run.
 */
public final class Benchmarks {

    private Benchmarks() {}

    public static void main(String[] args) throws Exception {
        BenchConfig config = BenchConfig.fromSystemProperties();
        Instant began = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Report body = new Report();
        Targets targets = new Targets();
        System.out.println("[bench] " + config.describe());
        try (LocalSystem system = LocalSystem.start(false, "bench")) {
            Map<Service, Double> rssAfterStart = rss(system);
            Api api = new Api(system);
            Sessions sessions = new Sessions(api, new DemoData(system));
            try (RawStore store = new RawStore(system.stores().dynamo().client(new BufferedRequestBodies()))) {
                body.heading(2, "Request cost: the portals' hot calls beside the raw DynamoDB call");
                if (config.runs("portal")) {
                    phase(body, () -> targets.portal(new PortalLoad(system, api, store, sessions, config).run(body)));
                }

                sessions.renewIfPossible();
                SyncBench sync = new SyncBench(system, api, store, sessions, config);
                if (config.runs("sync")) {
                    body.heading(2, "Sync");
                    body.heading(3, "Reconciliation");
                    phase(body, () -> targets.reconciliation(sync.reconcile(body)));
                    body.heading(3, "Lag from a profile update to its users row");
                    phase(body, () -> sync.lag(body));
                }
            }

            sessions.renewIfPossible();
            if (config.runs("roster")) {
                body.heading(2, "OneRoster and Ed-Fi at scale");
                phase(body, () -> targets.roster(new RosterScale(system, api, sessions, config).run(body)));
            }

            Map<Service, Double> rssAfterLoad = rss(system);
            body.heading(2, "Start-up and memory (JVM mode)");
            StartupBench startup = new StartupBench(system, config);
            List<List<String>> memory = new ArrayList<>();
            for (Service service : Service.values()) {
                memory.add(List.of(
                        service.moduleName,
                        Report.num(rssAfterStart.get(service)),
                        Report.num(rssAfterLoad.get(service))));
            }
            body.paragraph("RSS (VmRSS of /proc/<pid>/status) of the four services of this run: right after all four"
                    + " were ready, and after every load above.");
            body.table(List.of("service", "RSS after start MiB", "RSS after the load MiB"), memory);
            phase(body, () -> startup.coldStarts(body));
            if (config.runs("startup")) {
                phase(body, () -> targets.startup(startup.run(body)));
            }
        }

        Report report = new Report();
        report.heading(1, "Benchmark run " + began);
        report.table(List.of("", ""), header(config, began));
        report.paragraph("Absolute times drift on a shared 2-core machine, so every figure stands beside its limit"
                + " measured in the same run (the raw store call or SQL the service wraps); read the ratios.");
        report.heading(2, "Targets");
        report.table(List.of("target", "result", "figures"), targets.rows());
        String markdown = report.markdown() + body.markdown();
        String name = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm'Z'")
                        .withZone(ZoneOffset.UTC)
                        .format(began)
                + (config.quick() ? "-quick" : "-full") + ".md";
        Path file = ProjectLayout.root().resolve("bench").resolve("results").resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, markdown);
        System.out.println("[bench] results written to " + file);
        System.exit(0);
    }

    @FunctionalInterface
    private interface Phase {
        void run() throws Exception;
    }

    /** One part of the run; a failure is written into the report instead of losing the other parts. */
    private static void phase(Report body, Phase phase) {
        try {
            phase.run();
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            body.paragraph("**This part failed:** `" + e + "`");
        }
    }

    private static Map<Service, Double> rss(LocalSystem system) {
        Map<Service, Double> rss = new EnumMap<>(Service.class);
        system.processes().forEach((service, process) -> rss.put(service, ProcessMemory.rssMiB(process.pid())));
        return rss;
    }

    private static List<List<String>> header(BenchConfig config, Instant began) throws IOException {
        String cpu = "unknown";
        for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name")) {
                cpu = line.substring(line.indexOf(':') + 1).trim();
                break;
            }
        }
        String memory = "unknown";
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                memory = String.format(
                        Locale.ROOT, "%.1f GiB", Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0);
                break;
            }
        }
        return List.of(
                List.of("date (UTC)", began.toString()),
                List.of(
                        "machine",
                        Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + memory + ", "
                                + System.getProperty("os.name") + " " + System.getProperty("os.version")),
                List.of(
                        "JDK (harness and services)",
                        System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                                + System.getProperty("java.runtime.version")),
                List.of("configuration", config.describe()),
                List.of("command", "bench/run.sh" + (config.quick() ? " --quick" : "")));
    }
}
