package tsa.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The real data stores a TSA service runs on: PostgreSQL, a DynamoDB-protocol server and an SMTP/IMAP server. Tests
 * share one set per JVM ({@link #shared()}, on free ports, stopped when the JVM exits); the local run starts one on
 * the fixed ports of architecture.md.
 */
public final class DataStores implements AutoCloseable {

    /** Fixed loopback ports of the local run (architecture.md, "Running it"). */
    public record Ports(int postgres, int dynamo, int smtp, int imap) {
        public static final Ports LOCAL_RUN = new Ports(15432, 8000, 3025, 3143);
        public static final Ports FREE = new Ports(0, 0, 0, 0);
    }

    private static DataStores shared;

    private final PostgresServer postgres;
    private final DynaliteServer dynamo;
    private final MailServer mail;

    private DataStores(PostgresServer postgres, DynaliteServer dynamo, MailServer mail) {
        this.postgres = postgres;
        this.dynamo = dynamo;
        this.mail = mail;
    }

    public static DataStores start(Ports ports, String name) {
        MailServer mail = MailServer.start(ports.smtp(), ports.imap());
        DynaliteServer dynamo = DynaliteServer.start(ports.dynamo(), ProjectLayout.work(name));
        PostgresServer postgres = PostgresServer.start(ports.postgres(), ProjectLayout.work(name).resolve("postgres"));
        return new DataStores(postgres, dynamo, mail);
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

    /**
     * The configuration that points a service at these stores. The DynamoDB-protocol server lacks UpdateTimeToLive,
     * which only this (local and test) configuration tolerates.
     */
    public Map<String, String> serviceConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl());
        config.put("quarkus.datasource.username", postgres.username());
        config.put("quarkus.datasource.password", postgres.password());
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
    }

    private static void closeQuietly(AutoCloseable store) {
        try {
            store.close();
        } catch (Exception e) {
            System.err.println("could not stop " + store.getClass().getSimpleName() + ": " + e);
        }
    }
}
