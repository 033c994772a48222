package tsa.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import tsa.testsupport.demo.DemoData;

/**
 * The whole system on one machine: the real stores, then the four packaged services, each a child JVM. The local run
 * ({@link #main}) uses the fixed ports of architecture.md; the system tests use free ports. Closing it stops every
 * process it started.
 */
public final class LocalSystem implements AutoCloseable {

    /**
     * The four services, their local ports (plain HTTP for the portals and people), local TLS ports (the other
     * services call them there), public prefixes and generated-client config keys.
     */
    public enum Service {
        ADMIN("admin-service", 8081, 8441, "/api/admin"),
        COACH("coach-service", 8082, 8442, "/api/coach"),
        PARENT("parent-service", 8083, 8443, "/api/parent"),
        SYNC("sync-service", 8084, 8444, "/api/sync");

        public final String moduleName;
        public final int localPort;
        public final int localTlsPort;
        public final String prefix;

        Service(String moduleName, int localPort, int localTlsPort, String prefix) {
            this.moduleName = moduleName;
            this.localPort = localPort;
            this.localTlsPort = localTlsPort;
            this.prefix = prefix;
        }

        /** The config key of a REST client generated from this service's contract (stack.md). */
        String clientKey() {
            return moduleName.replace('-', '_') + "_yaml";
        }
    }

    public static final String DEFAULT_ADMIN_EMAILS = "admin@tsa.example";

    private final DataStores stores;
    private final SigningKeys keys;
    private final ServiceCertificate certificate;
    private final Path logs;
    private final Map<Service, Integer> ports = new LinkedHashMap<>();
    private final Map<Service, Integer> tlsPorts = new LinkedHashMap<>();
    private final Map<Service, Process> processes = new LinkedHashMap<>();

    /** Between the services and dynalite when the system was started for fault tests; null otherwise. */
    private FaultyProxy dynamoProxy;

    /** Between the services and PostgreSQL when the system was started for fault tests; null otherwise. */
    private FaultyTcpProxy postgresProxy;

    /** Settings given to every service on top of the local run's ({@link #startWith}). */
    private final Map<String, String> extraConfig = new LinkedHashMap<>();

    private LocalSystem(DataStores stores, SigningKeys keys, ServiceCertificate certificate, Path logs) {
        this.stores = stores;
        this.keys = keys;
        this.certificate = certificate;
        this.logs = logs;
    }

    /** Starts the stores and the four services; {@code fixedPorts} picks architecture.md's ports. */
    public static LocalSystem start(boolean fixedPorts, String name) {
        return start(fixedPorts, name, false);
    }

    /**
     * Starts the system on free ports with a {@link FaultyProxy} between every service and dynalite
     * ({@link #dynamoProxy()}), so that a test can take DynamoDB away from the services or throttle it.
     */
    public static LocalSystem startWithFaultyDynamo(String name) {
        return start(false, name, true);
    }

    /** What a fault test changes about the system it starts on free ports. */
    public record Setup(boolean faultyDynamo, boolean faultyPostgres, Map<String, String> config) {

        public static Setup plain() {
            return new Setup(false, false, Map.of());
        }

        /** A {@link FaultyTcpProxy} between every service and PostgreSQL ({@link #postgresProxy()}). */
        public Setup withFaultyPostgres() {
            return new Setup(faultyDynamo, true, config);
        }

        /** {@code key=value} given to every service (a short schedule, a tight limit). */
        public Setup with(String key, String value) {
            Map<String, String> more = new LinkedHashMap<>(config);
            more.put(key, value);
            return new Setup(faultyDynamo, faultyPostgres, more);
        }
    }

    /** Starts the system on free ports as {@code setup} says. */
    public static LocalSystem startWith(String name, Setup setup) {
        return start(false, name, setup);
    }

    private static LocalSystem start(boolean fixedPorts, String name, boolean faultyDynamo) {
        return start(fixedPorts, name, new Setup(faultyDynamo, false, Map.of()));
    }

    private static LocalSystem start(boolean fixedPorts, String name, Setup setup) {
        Path logs = ProjectLayout.work(name).resolve("logs");
        DataStores stores = DataStores.start(fixedPorts ? DataStores.Ports.LOCAL_RUN : DataStores.Ports.FREE, name);
        try {
            // parent-service creates its bucket at start-up, so the S3-compatible server must be up before it.
            stores.s3();
        } catch (RuntimeException e) {
            stores.close();
            throw e;
        }
        LocalSystem system = new LocalSystem(
                stores,
                SigningKeys.generate(ProjectLayout.work(name).resolve("keys")),
                ServiceCertificate.generate(ProjectLayout.work(name).resolve("tls")),
                logs);
        try {
            if (setup.faultyDynamo()) {
                system.dynamoProxy = FaultyProxy.start(stores.dynamo().endpoint());
            }
            if (setup.faultyPostgres()) {
                system.postgresProxy =
                        FaultyTcpProxy.start("127.0.0.1", stores.postgres().port());
            }
            system.extraConfig.putAll(setup.config());
            for (Service service : Service.values()) {
                system.ports.put(service, fixedPorts ? service.localPort : FreePorts.next());
                system.tlsPorts.put(service, fixedPorts ? service.localTlsPort : FreePorts.next());
            }
            // admin-service first: it applies the migrations, after which the reference data can be loaded, which
            // sync-service reads at its own start-up.
            system.launch(Service.ADMIN);
            system.awaitReady(Service.ADMIN);
            system.loadReferenceData();
            for (Service service : List.of(Service.COACH, Service.PARENT, Service.SYNC)) {
                system.launch(service);
            }
            for (Service service : List.of(Service.COACH, Service.PARENT, Service.SYNC)) {
                system.awaitReady(service);
            }
            return system;
        } catch (RuntimeException e) {
            system.close();
            throw e;
        }
    }

    public DataStores stores() {
        return stores;
    }

    public SigningKeys keys() {
        return keys;
    }

    public String baseUrl(Service service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    /** Where the other services call this one: its TLS listener, with {@link #certificate()}. */
    public String tlsBaseUrl(Service service) {
        return "https://127.0.0.1:" + tlsPorts.get(service);
    }

    /** The services' throwaway TLS certificate (their own listeners and the other services' trust). */
    public ServiceCertificate certificate() {
        return certificate;
    }

    public Map<Service, Process> processes() {
        return Map.copyOf(processes);
    }

    /** The folder that holds every service's log ({@link #logOf}). */
    public Path logsDirectory() {
        return logs;
    }

    public Path logOf(Service service) {
        return logs.resolve(service.moduleName + ".log");
    }

    /** The proxy between the services and dynalite ({@link #startWithFaultyDynamo}). */
    public FaultyProxy dynamoProxy() {
        if (dynamoProxy == null) {
            throw new IllegalStateException("started without a DynamoDB proxy: use startWithFaultyDynamo");
        }
        return dynamoProxy;
    }

    /** The proxy between the services and PostgreSQL ({@link Setup#withFaultyPostgres}). */
    public FaultyTcpProxy postgresProxy() {
        if (postgresProxy == null) {
            throw new IllegalStateException("started without a PostgreSQL proxy: use Setup.withFaultyPostgres");
        }
        return postgresProxy;
    }

    /** Kills the service's process at once (SIGKILL: no shutdown hooks, no draining) and waits for it to be gone. */
    public void kill(Service service) {
        Process process = processes.remove(service);
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Starts the service again on its port (after {@link #kill}) and waits until it is ready. */
    public void restart(Service service) {
        kill(service);
        launch(service);
        awaitReady(service);
    }

    private void launch(Service service) {
        Path jar = ProjectLayout.root().resolve(service.moduleName).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    jar + " is missing: package the services first (./mvnw install -DskipTests)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-Duser.timezone=UTC");
        // Malformed request targets reach tsa.runtime.problem.RequestTargetRule, which answers them with a problem body
        // (Quarkus' own check would answer a bare 400 before any handler runs).
        command.add("-Dvertx.disableURIValidation=true");
        configFor(service).forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        try {
            Files.createDirectories(logs);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(
                            ProcessBuilder.Redirect.appendTo(logOf(service).toFile()));
            builder.environment().putIfAbsent("TSA_ADMIN_EMAILS", DEFAULT_ADMIN_EMAILS);
            Process process = builder.start();
            ChildProcesses.stopOnExit(process);
            processes.put(service, process);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + service.moduleName, e);
        }
    }

    /** The end of a log, for an exception message: CI prints the message but keeps no files. */
    private static String lastLinesOf(Path log, int count) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
        } catch (IOException | RuntimeException unreadable) {
            return "(unreadable: " + unreadable + ")";
        }
    }

    private Map<String, String> configFor(Service service) {
        // Each service connects as its own database role; Flyway as the migration role (DataStores#serviceConfig).
        Map<String, String> config = new LinkedHashMap<>(stores.serviceConfig(service.moduleName));
        // Each service verifies with the one JWKS and signs its calls with its own key.
        config.putAll(keys.verifierAndServiceConfig(service.moduleName));
        if (service == Service.ADMIN) {
            config.putAll(keys.sessionSignerConfig());
        }
        if (service == Service.PARENT) {
            config.putAll(stores.documentStoreConfig());
        }
        // The packaged jars run in the prod profile, which is hardened (runtime's microprofile-config.properties):
        // the local stores speak plain text, and each service creates its own tables and migrates at start.
        config.put("quarkus.mailer.start-tls", "DISABLED");
        config.put("quarkus.flyway.migrate-at-start", "true");
        config.put("tsa.dynamodb.provisioning.enabled", "true");
        if (dynamoProxy != null) {
            config.put("quarkus.dynamodb.endpoint-override", dynamoProxy.endpoint());
        }
        if (postgresProxy != null) {
            config.put(
                    "quarkus.datasource.jdbc.url",
                    "jdbc:postgresql://127.0.0.1:" + postgresProxy.port() + "/" + PostgresServer.DATABASE);
        }
        // The system tests (the fuzz and the authorization matrix among them) make thousands of reads per caller;
        // the per-caller limits are proven by the services' own tests, and a fault test may set its own here.
        for (String limit : List.of("standards-reads", "admin-searches", "portal-lists")) {
            config.put("tsa.rate-limits." + limit + ".requests", "1000000");
        }
        config.putAll(extraConfig);
        config.put("quarkus.http.port", Integer.toString(ports.get(service)));
        // Like the stores, the services listen on loopback unless told otherwise.
        config.put("quarkus.http.host", System.getenv().getOrDefault("TSA_LOCAL_HOST", "127.0.0.1"));
        // As in production the services call each other over TLS only (the prod profile's tsa TLS configuration,
        // here with the throwaway certificate); the plain port stays open for the portals and people on loopback.
        config.put("quarkus.http.insecure-requests", "enabled");
        config.put("quarkus.http.ssl-port", Integer.toString(tlsPorts.get(service)));
        config.put("tsa.tls.certificate", certificate.certificateFile().toString());
        config.put("tsa.tls.private-key", certificate.privateKeyFile().toString());
        config.put("tsa.tls.trust", certificate.trustFile().toString());
        for (Service other : Service.values()) {
            config.put("quarkus.rest-client." + other.clientKey() + ".url", tlsBaseUrl(other));
        }
        return config;
    }

    private void awaitReady(Service service) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        Process process = processes.get(service);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(service.moduleName + " exited with " + process.exitValue() + "; see "
                        + logOf(service) + ", which ends:\n" + lastLinesOf(logOf(service), 15));
            }
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create(baseUrl(service) + "/q/health/ready"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        throw new IllegalStateException(service.moduleName + " was not ready in time; see " + logOf(service));
    }

    private void loadReferenceData() {
        ReferenceData.loadSchools(stores.postgres());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        List<Service> reverse = new ArrayList<>(processes.keySet());
        java.util.Collections.reverse(reverse);
        reverse.forEach(service -> ChildProcesses.stop(processes.get(service)));
        if (dynamoProxy != null) {
            dynamoProxy.close();
        }
        if (postgresProxy != null) {
            postgresProxy.close();
        }
        stores.close();
    }

    /** The local run: fixed ports, a line per service, until Ctrl-C. */
    public static void main(String[] args) throws InterruptedException {
        System.out.println("Starting the TSA platform (stores, then four services)...");
        LocalSystem system = start(true, "local-run");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("Stopping the TSA platform...");
                            system.close();
                            stopped.countDown();
                        },
                        "stop-local-run"));
        // The demo data goes in through the services' own APIs once all four are ready. A refused step stops the
        // whole system with the step named (the shutdown hook closes everything): a half-loaded demo is worse
        // than none. TSA_DEMO_DATA=false skips it.
        List<DemoData.SignInLink> demo = null;
        if (!"false".equalsIgnoreCase(System.getenv().getOrDefault("TSA_DEMO_DATA", "true"))) {
            System.out.println("Loading the demo data through the services' APIs (TSA_DEMO_DATA=false skips it)...");
            try {
                DemoData loader = new DemoData(system);
                loader.load();
                demo = loader.signInLinks();
            } catch (RuntimeException e) {
                System.err.println("The demo data could not be loaded, stopping everything: " + e.getMessage());
                System.err.println("Service logs: " + system.logs + " (TSA_DEMO_DATA=false starts without it)");
                System.exit(1);
            }
        }
        for (Service service : Service.values()) {
            System.out.println(service.moduleName + ": " + system.baseUrl(service) + "  (Swagger UI: "
                    + system.baseUrl(service) + service.prefix + "/swagger-ui)");
        }
        System.out.println("PostgreSQL: jdbc:postgresql://127.0.0.1:15432/coach_portal (user tsa, password tsa)");
        System.out.println("DynamoDB:   http://127.0.0.1:8000 (any credentials, region us-east-1)");
        System.out.println("Mail:       SMTP 127.0.0.1:3025, IMAP 127.0.0.1:3143 (login and password = the address)");
        System.out.println("S3:         " + system.stores.s3().endpoint()
                + " (S3Mock, path-style, any credentials, bucket " + DataStores.DOCUMENTS_BUCKET + ")");
        System.out.println("Between the services: TLS on " + system.tlsBaseUrl(Service.ADMIN) + " ... "
                + system.tlsBaseUrl(Service.SYNC) + " with the throwaway certificate "
                + system.certificate.certificateFile());
        System.out.println("Logs:       " + system.logs);
        if (demo != null) {
            System.out.println(
                    "Demo data:  admin " + DemoData.ADMIN + ", coaches " + String.join(", ", DemoData.COACHES)
                            + ", parents "
                            + DemoData.FAMILIES.stream()
                                    .map(DemoData.DemoFamily::parentEmail)
                                    .toList()
                            + " (see README, \"Demo data\")");
            System.out.println("Sign-in links (single use, valid 15 minutes; ask for a new one with POST "
                    + system.baseUrl(Service.ADMIN) + "/api/auth/magic-links and read it over IMAP):");
            for (DemoData.SignInLink link : demo) {
                System.out.println("  " + link.portal() + " (" + link.email() + "): " + link.url());
                System.out.println("    redeem: curl -s -X POST -H 'Content-Type: application/json' -d '{\"token\":\""
                        + link.token() + "\"}' " + system.baseUrl(Service.ADMIN) + "/api/auth/sessions");
            }
        }
        System.out.println("Press Ctrl-C to stop everything.");
        stopped.await();
    }
}
