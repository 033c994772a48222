package tsa.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The real data stores a TSA service runs on: PostgreSQL, a DynamoDB-protocol server, an SMTP/IMAP server and, for
 * parent-service's documents, an S3-compatible server. Tests share one set per JVM ({@link #shared()}, on free ports,
 * stopped when the JVM exits); the local run starts one on the fixed ports of architecture.md. The S3 server is a
 * JVM of its own (~4 s, ~200 MB), so it starts on first use ({@link #s3()}): only parent-service needs it.
 */
public final class DataStores implements AutoCloseable {

    /** Fixed loopback ports of the local run (architecture.md, "Running it"). */
    public record Ports(int postgres, int dynamo, int smtp, int imap, int s3) {
        public static final Ports LOCAL_RUN = new Ports(15432, 8000, 3025, 3143, 9090);
        public static final Ports FREE = new Ports(0, 0, 0, 0, 0);
    }

    /** The bucket parent-service keeps document files in, in tests and the local run. */
    public static final String DOCUMENTS_BUCKET = "tsa-parent-documents-local";

    private static DataStores shared;

    private final PostgresServer postgres;
    private final DynaliteServer dynamo;
    private final MailServer mail;
    private final int s3Port;
    private final java.nio.file.Path workDir;
    private S3MockServer s3;

    private DataStores(
            PostgresServer postgres, DynaliteServer dynamo, MailServer mail, int s3Port, java.nio.file.Path workDir) {
        this.postgres = postgres;
        this.dynamo = dynamo;
        this.mail = mail;
        this.s3Port = s3Port;
        this.workDir = workDir;
    }

    public static DataStores start(Ports ports, String name) {
        MailServer mail = MailServer.start(ports.smtp(), ports.imap());
        DynaliteServer dynamo = DynaliteServer.start(ports.dynamo(), ProjectLayout.work(name));
        PostgresServer postgres =
                PostgresServer.start(ports.postgres(), ProjectLayout.work(name).resolve("postgres"));
        return new DataStores(postgres, dynamo, mail, ports.s3(), ProjectLayout.work(name));
    }

    /** One set of stores for the whole test JVM, started on first use. */
    public static synchronized DataStores shared() {
        if (shared == null) {
            shared = start(Ports.FREE, "test-" + ProcessHandle.current().pid());
            DataStores stores = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(stores::close, "stop-data-stores"));
        }
        return shared;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public DynaliteServer dynamo() {
        return dynamo;
    }

    public MailServer mail() {
        return mail;
    }

    /** The S3-compatible server, started on first use. */
    public synchronized S3MockServer s3() {
        if (s3 == null) {
            s3 = S3MockServer.start(s3Port, workDir);
        }
        return s3;
    }

    /**
     * The configuration that points parent-service's document store at the S3-compatible server (starting it if
     * needed): path-style, static throwaway credentials, the bucket created at start-up.
     */
    public Map<String, String> documentStoreConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("tsa.documents.s3.endpoint-override", s3().endpoint());
        config.put("tsa.documents.s3.region", "us-east-1");
        config.put("tsa.documents.s3.path-style-access", "true");
        config.put("tsa.documents.s3.access-key-id", "local");
        config.put("tsa.documents.s3.secret-access-key", "local");
        config.put("tsa.documents.s3.bucket", DOCUMENTS_BUCKET);
        config.put("tsa.documents.s3.create-bucket", "true");
        return config;
    }

    /**
     * The configuration that points {@code service} ({@code admin-service}, ...) at these stores: it connects to
     * PostgreSQL as its own role ({@link PostgresServer#serviceRole}), which holds only the privileges the migrations
     * grant it, while Flyway migrates as the owner of the schema ({@code tsa_migration}), as in production. The
     * DynamoDB-protocol server lacks UpdateTimeToLive, which only this (local and test) configuration tolerates.
     */
    public Map<String, String> serviceConfig(String service) {
        String role = PostgresServer.serviceRole(service);
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl());
        config.put("quarkus.datasource.username", role);
        config.put("quarkus.datasource.password", postgres.passwordOf(role));
        config.put("quarkus.flyway.username", PostgresServer.MIGRATION_ROLE);
        config.put("quarkus.flyway.password", postgres.passwordOf(PostgresServer.MIGRATION_ROLE));
        config.put("quarkus.dynamodb.endpoint-override", dynamo.endpoint());
        config.put("quarkus.dynamodb.aws.region", "us-east-1");
        config.put("quarkus.dynamodb.aws.credentials.type", "static");
        config.put("quarkus.dynamodb.aws.credentials.static-provider.access-key-id", "local");
        config.put("quarkus.dynamodb.aws.credentials.static-provider.secret-access-key", "local");
        config.put("tsa.dynamodb.provisioning.tolerate-missing-ttl", "true");
        config.put("quarkus.mailer.host", "127.0.0.1");
        config.put("quarkus.mailer.port", Integer.toString(mail.smtpPort()));
        return config;
    }

    @Override
    public void close() {
        closeQuietly(postgres);
        closeQuietly(dynamo);
        closeQuietly(mail);
        synchronized (this) {
            if (s3 != null) {
                closeQuietly(s3);
            }
        }
    }

    private static void closeQuietly(AutoCloseable store) {
        try {
            store.close();
        } catch (Exception e) {
            System.err.println("could not stop " + store.getClass().getSimpleName() + ": " + e);
        }
    }
}
