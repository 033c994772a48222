package tsa.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tsa.testsupport.ChildProcesses;
import tsa.testsupport.LocalSystem;
import tsa.testsupport.LocalSystem.Service;
import tsa.testsupport.ProjectLayout;

/**
 * Start-up and memory of each packaged service in JVM mode, started alone while the others run: time from process
 * start to the first 200 of /q/health/ready and RSS then, with the same command line the local run uses, and with one
 * start-up task switched off at a time (Flyway at start, table provisioning), so each task's share is the difference.
 */
final class StartupBench {

    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    private static final Pattern STARTED = Pattern.compile("started in (\\d+(?:\\.\\d+)?)s");
    private static final Pattern STEP_MS = Pattern.compile("(\\d+)\\s*ms");

    /**
     * One way of starting a service: extra JVM flags, possibly another JDK ({@code jdk} names it, empty = the local
     * run's), and possibly a training start first whose flags write an archive the measured starts then read (one
     * training start per service serves every variant with the same JDK and training flags).
     * {@code {archive}} in either list is replaced by the service's archive file.
     */
    record Variant(String name, String jdk, List<String> trainingFlags, List<String> flags) {
        Variant(String name, List<String> flags) {
            this(name, "", List.of(), flags);
        }
    }

    record Start(Service service, Variant variant, double readyMillis, double quarkusStartedMillis, double rssMiB) {}

    /** A JDK 25 (or later) for the AOT cache variants: {@code tsa.bench.jdk25}, else the Debian/Temurin path. */
    static final Path JDK25 = Path.of(System.getProperty("tsa.bench.jdk25", "/usr/lib/jvm/temurin-25-jdk-amd64"));

    private static final List<String> LEAN_JIT = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    static final List<Variant> VARIANTS = List.of(
            new Variant("as the local run starts it", List.of()),
            new Variant("no Flyway at start", List.of("-Dquarkus.flyway.migrate-at-start=false")),
            new Variant(
                    "no table/bucket provisioning",
                    List.of("-Dtsa.dynamodb.provisioning.enabled=false", "-Dtsa.documents.s3.create-bucket=false")),
            new Variant(
                    "neither",
                    List.of(
                            "-Dquarkus.flyway.migrate-at-start=false",
                            "-Dtsa.dynamodb.provisioning.enabled=false",
                            "-Dtsa.documents.s3.create-bucket=false")),
            new Variant("SerialGC, C1 only", LEAN_JIT),
            new Variant(
                    "AppCDS archive of a previous start (JDK 17)",
                    "",
                    List.of("-XX:ArchiveClassesAtExit={archive}"),
                    List.of("-XX:SharedArchiveFile={archive}")),
            new Variant(
                    "AppCDS archive, SerialGC, C1 only",
                    "",
                    List.of("-XX:ArchiveClassesAtExit={archive}"),
                    concat(List.of("-XX:SharedArchiveFile={archive}"), LEAN_JIT)),
            new Variant("JDK 25", JDK25.toString(), List.of(), List.of()),
            new Variant(
                    "JDK 25, AOT cache of a previous start",
                    JDK25.toString(),
                    List.of("-XX:AOTCacheOutput={archive}"),
                    List.of("-XX:AOTCache={archive}")),
            new Variant(
                    "JDK 25, AOT cache, SerialGC, C1 only",
                    JDK25.toString(),
                    List.of("-XX:AOTCacheOutput={archive}"),
                    concat(List.of("-XX:AOTCache={archive}"), LEAN_JIT)));

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    private final LocalSystem system;
    private final BenchConfig config;
    private final Path logs = ProjectLayout.work("bench").resolve("startup-logs");
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofMillis(500))
            .build();

    StartupBench(LocalSystem system, BenchConfig config) {
        this.system = system;
        this.config = config;
    }

    /** The first start of each service in this run (the local run's order), from its own log. */
    void coldStarts(Report report) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (Service service : Service.values()) {
            List<String> lines = Files.readAllLines(system.logOf(service));
            Instant processStart = system.processes()
                    .get(service)
                    .toHandle()
                    .info()
                    .startInstant()
                    .orElse(null);
            Instant firstLine = null;
            String started = "n/a";
            for (String line : lines) {
                Instant at = timeOf(line);
                if (at != null && firstLine == null) {
                    firstLine = at;
                }
                Matcher m = STARTED.matcher(line);
                if (m.find()) {
                    started = m.group(1) + " s";
                    break;
                }
            }
            rows.add(List.of(
                    service.moduleName,
                    processStart == null || firstLine == null
                            ? "n/a"
                            : Duration.between(processStart, firstLine).toMillis() + " ms",
                    started));
        }
        report.paragraph("The first start of this run (admin-service alone, applying the migrations and creating its"
                + " tables; then the other three together, on 2 cores): from the process start to its first log line"
                + " (JVM start and Quarkus' class loading), and Quarkus' own \"started in\" figure.");
        report.table(List.of("service", "process start to first log line", "Quarkus \"started in\""), rows);
    }

    List<Start> run(Report report) throws Exception {
        List<Start> starts = new ArrayList<>();
        Files.createDirectories(logs);
        StringBuilder timelines = new StringBuilder();
        StringBuilder steps = new StringBuilder();
        for (Service service : Service.values()) {
            List<String> command = system.processes()
                    .get(service)
                    .toHandle()
                    .info()
                    .arguments()
                    .map(List::of)
                    .orElseThrow(() -> new IllegalStateException("no command line of " + service.moduleName));
            String java =
                    system.processes().get(service).toHandle().info().command().orElseThrow();
            system.kill(service);
            // One training start per JDK and training flags: the variants that differ only in their measured flags
            // (e.g. the lean JIT) read the same archive.
            Map<String, Path> archives = new HashMap<>();
            for (Variant variant : VARIANTS) {
                String variantJava = variant.jdk().isEmpty()
                        ? java
                        : Path.of(variant.jdk(), "bin", "java").toString();
                if (!Files.isExecutable(Path.of(variantJava))) {
                    System.out.println("[bench] no " + variantJava + ": skipping " + variant.name());
                    continue;
                }
                String training = variantJava + " " + variant.trainingFlags();
                Path archive = archives.getOrDefault(
                        training, logs.resolve(service.moduleName + "-" + VARIANTS.indexOf(variant) + ".archive"));
                if (!variant.trainingFlags().isEmpty() && !archives.containsKey(training)) {
                    Files.deleteIfExists(archive);
                    System.out.println("[bench] training start of " + service.moduleName + ": " + variant.name());
                    startOnce(
                            service,
                            variantJava,
                            command,
                            new Variant("training", with(variant.trainingFlags(), archive)),
                            List.of(),
                            logs.resolve(service.moduleName + "-" + VARIANTS.indexOf(variant) + "-training.log"));
                    if (!Files.isRegularFile(archive)) {
                        System.out.println(
                                "[bench] the training start wrote no " + archive + ": skipping " + variant.name());
                        continue;
                    }
                    archives.put(training, archive);
                }
                Variant measured = new Variant(variant.name(), with(variant.flags(), archive));
                for (int run = 1; run <= config.startupRuns(); run++) {
                    Path log = logs.resolve(service.moduleName + "-" + VARIANTS.indexOf(variant) + "-" + run + ".log");
                    System.out.println("[bench] start-up of " + service.moduleName + ": " + variant.name());
                    Start start = startOnce(service, variantJava, command, measured, List.of(), log);
                    starts.add(new Start(
                            start.service(),
                            variant,
                            start.readyMillis(),
                            start.quarkusStartedMillis(),
                            start.rssMiB()));
                    if (variant == VARIANTS.get(0) && run == 1) {
                        timelines
                                .append("== ")
                                .append(service.moduleName)
                                .append(" (ms after process start)\n")
                                .append(timeline(log, start));
                    }
                }
            }
            // Quarkus' own per-step start-up times, if this build prints them (quarkus.debug.print-startup-times).
            Path log = logs.resolve(service.moduleName + "-steps.log");
            startOnce(
                    service,
                    java,
                    command,
                    new Variant("print start-up times", List.of()),
                    List.of("-Dquarkus.debug.print-startup-times=true"),
                    log);
            steps.append("== ").append(service.moduleName).append('\n').append(slowestSteps(log));
        }
        List<List<String>> rows = new ArrayList<>();
        for (Service service : Service.values()) {
            for (Variant variant : VARIANTS) {
                List<Start> mine = starts.stream()
                        .filter(s -> s.service() == service && s.variant() == variant)
                        .toList();
                if (mine.isEmpty()) {
                    continue;
                }
                double ready =
                        median(mine.stream().mapToDouble(Start::readyMillis).toArray());
                double quarkus = median(
                        mine.stream().mapToDouble(Start::quarkusStartedMillis).toArray());
                double rss = median(mine.stream().mapToDouble(Start::rssMiB).toArray());
                rows.add(List.of(
                        service.moduleName, variant.name(), Report.num(ready), Report.num(quarkus), Report.num(rss)));
            }
        }
        report.paragraph("Each service started alone (the other three running, the schema and the tables already"
                + " there), median of " + config.startupRuns() + " start(s) per row: the same command line as the"
                + " local run (`-Xmx256m`, prod profile, every store on loopback), then with one start-up task"
                + " switched off (the difference to the first row is that task's share), with a leaner JIT and"
                + " collector, with a class archive written by one earlier start of the same service (AppCDS on"
                + " JDK 17: `-XX:ArchiveClassesAtExit`, then `-XX:SharedArchiveFile`), and on JDK 25 with and without"
                + " its AOT cache (`-XX:AOTCacheOutput`, then `-XX:AOTCache`; classes loaded and linked ahead).");
        report.table(
                List.of(
                        "service",
                        "variant",
                        "process start to ready ms",
                        "Quarkus \"started in\" ms",
                        "RSS at ready MiB"),
                rows);
        report.heading(3, "Where the start-up time goes (log timeline of the first plain start)");
        report.code(timelines.toString());
        report.heading(3, "Slowest start-up steps (quarkus.debug.print-startup-times)");
        report.code(steps.toString());
        return starts;
    }

    private Start startOnce(
            Service service, String java, List<String> arguments, Variant variant, List<String> extra, Path log)
            throws Exception {
        List<String> command = new ArrayList<>();
        command.add(java);
        int jar = arguments.indexOf("-jar");
        command.addAll(arguments.subList(0, jar));
        command.addAll(variant.flags());
        command.addAll(extra);
        command.addAll(arguments.subList(jar, arguments.size()));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putIfAbsent("TSA_ADMIN_EMAILS", LocalSystem.DEFAULT_ADMIN_EMAILS);
        Instant launched = Instant.now();
        long before = System.nanoTime();
        Process process = builder.start();
        ChildProcesses.stopOnExit(process);
        try {
            URI ready = URI.create(system.baseUrl(service) + "/q/health/ready");
            long deadline = before + Duration.ofMinutes(2).toNanos();
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(service.moduleName + " (" + variant.name() + ") exited with "
                            + process.exitValue() + "; see " + log);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(service.moduleName + " not ready in 2 minutes; see " + log);
                }
                try {
                    HttpResponse<Void> response = http.send(
                            HttpRequest.newBuilder(ready)
                                    .timeout(Duration.ofSeconds(2))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(20);
            }
            double readyMillis = (System.nanoTime() - before) / 1e6;
            double rss = ProcessMemory.rssMiB(process.pid());
            stop(process);
            // Read once the process is gone: readiness can answer before the "started in" line is written.
            double started = Double.NaN;
            for (String line : Files.readAllLines(log)) {
                Matcher m = STARTED.matcher(line);
                if (m.find()) {
                    started = Double.parseDouble(m.group(1)) * 1000;
                }
            }
            return new Start(service, variant, readyMillis, started, rss);
        } finally {
            stop(process);
            // A short rest so that one start's shutdown does not eat into the next one's CPU.
            Thread.sleep(300);
            logLaunch(log, launched);
        }
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        // A JDK 25 training start assembles its AOT cache while exiting (about 20 s here).
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static List<String> with(List<String> flags, Path archive) {
        return flags.stream()
                .map(flag -> flag.replace("{archive}", archive.toString()))
                .toList();
    }

    private static void logLaunch(Path log, Instant launched) throws IOException {
        Files.writeString(
                log.resolveSibling(log.getFileName() + ".launched"),
                launched.toString(),
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
    }

    private static String timeline(Path log, Start start) throws IOException {
        Instant launched = Instant.parse(Files.readString(log.resolveSibling(log.getFileName() + ".launched"))
                .strip());
        StringBuilder out = new StringBuilder();
        for (String line : Files.readAllLines(log)) {
            Instant at = timeOf(line);
            if (at == null) {
                continue;
            }
            String rest = line.substring(line.indexOf(' ') + 1);
            out.append(String.format(
                    Locale.ROOT,
                    "%6d  %s%n",
                    Duration.between(launched, at).toMillis(),
                    rest.length() > 150 ? rest.substring(0, 150) + "..." : rest));
            if (STARTED.matcher(line).find()) {
                break;
            }
        }
        out.append(String.format(Locale.ROOT, "%6.0f  ready (first 200 of /q/health/ready)%n", start.readyMillis()));
        return out.toString();
    }

    private static String slowestSteps(Path log) throws IOException {
        record Step(long millis, String line) {}
        List<Step> found = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            if (!line.toLowerCase(Locale.ROOT).contains("build step")) {
                continue;
            }
            Matcher m = STEP_MS.matcher(line);
            long millis = -1;
            while (m.find()) {
                millis = Long.parseLong(m.group(1));
            }
            if (millis >= 0) {
                String text = line.substring(line.indexOf(' ') + 1);
                found.add(new Step(millis, text.length() > 170 ? text.substring(0, 170) + "..." : text));
            }
        }
        if (found.isEmpty()) {
            return "(no per-step times printed: this build does not record them at run time)\n";
        }
        StringBuilder out = new StringBuilder();
        found.stream()
                .sorted(Comparator.comparingLong(Step::millis).reversed())
                .limit(10)
                .forEach(step -> out.append(step.line()).append('\n'));
        return out.toString();
    }

    private static Instant timeOf(String line) {
        int space = line.indexOf(' ');
        if (space < 20) {
            return null;
        }
        try {
            return OffsetDateTime.parse(line.substring(0, space), LOG_TIME).toInstant();
        } catch (RuntimeException notATimestamp) {
            return null;
        }
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
