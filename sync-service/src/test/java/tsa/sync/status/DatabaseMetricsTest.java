package tsa.sync.status;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static tsa.sync.SyncFixtures.admin;
import static tsa.sync.SyncFixtures.awaitSettled;
import static tsa.sync.SyncFixtures.change;
import static tsa.sync.SyncFixtures.newCoachId;
import static tsa.sync.SyncFixtures.sendAccepted;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tsa.runtime.metrics.PostgresServerGauges;
import tsa.sync.StubServices;
import tsa.sync.SyncFixtures;
import tsa.testsupport.DataStores;
import tsa.testsupport.PostgresServer;
import tsa.testsupport.RealDataStores;

/**
 * The PostgreSQL meters on /q/metrics against the real (embedded) server, and every series the production alerts
 * (k8s/base/monitoring.yaml) name is one this running service exposes.
 */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
@QuarkusTestResource(StubServices.class)
class DatabaseMetricsTest {

    @Inject
    PostgresServerGauges serverGauges;

    @Test
    void serverGaugesShowTheServersMaxConnectionsItsOpenConnectionsAndTheDatabaseSize() throws Exception {
        long maxConnections = Long.parseLong(query("SHOW max_connections"));
        long databaseSize = Long.parseLong(query("SELECT pg_database_size('" + PostgresServer.DATABASE + "')"));

        String metrics = scrape();

        assertThat(value(metrics, "tsa_postgres_connections_max")).isEqualTo(maxConnections);
        assertThat(value(metrics, "tsa_postgres_database_size_bytes"))
                .as("read at start-up, within the same order as now")
                .isBetween(databaseSize / 2.0, databaseSize * 2.0);
        assertThat(value(metrics, "tsa_postgres_connections")).isBetween(1.0, (double) maxConnections);
        assertThat(value(metrics, "tsa_postgres_replicas")).isZero();
        assertThat(value(metrics, "tsa_postgres_replication_lag_seconds"))
                .as("no streaming replica: no replication lag")
                .isZero();
        assertThat(value(metrics, "tsa_datasource_connections_max")).isPositive();
    }

    @Test
    void theConnectionGaugeCountsConnectionsOpenedElsewhereOnTheServerAtTheNextRead() throws Exception {
        serverGauges.refresh();
        double before = value(scrape(), "tsa_postgres_connections");
        List<Connection> others = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                others.add(DataStores.shared().postgres().connect(PostgresServer.DATABASE));
            }
            // The scheduler reads every refresh interval; the test reads now instead of waiting for it.
            serverGauges.refresh();
            assertThat(value(scrape(), "tsa_postgres_connections")).isGreaterThanOrEqualTo(before + 5);
        } finally {
            for (Connection c : others) {
                c.close();
            }
        }
    }

    @Test
    void statementTimingsCountUpWithTheStatementsARequestRuns() {
        String before = scrape();
        double count = value(before, "tsa_db_statements_seconds_count", "kind=\"statement\"");
        double seconds = value(before, "tsa_db_statements_seconds_sum", "kind=\"statement\"");

        // The status report runs its backlog and outcome queries (native SQL through Hibernate).
        given().auth().oauth2(admin()).get("/api/sync/status").then().statusCode(200);

        String after = scrape();
        assertThat(value(after, "tsa_db_statements_seconds_count", "kind=\"statement\""))
                .isGreaterThanOrEqualTo(count + 3);
        assertThat(value(after, "tsa_db_statements_seconds_sum", "kind=\"statement\""))
                .isGreaterThan(seconds);
    }

    @Test
    void everySeriesTheProductionAlertsUseIsExposedByTheRunningService() throws Exception {
        // The counters that only exist once something happened: a failed sync, a DynamoDB call per owned table.
        SyncFixtures.loadSchools();
        awaitSettled(sendAccepted(change(
                "create",
                newCoachId(),
                1,
                "Casey",
                "Jordan",
                "x@example.com",
                null,
                SyncFixtures.unknownSchoolId(),
                "active")));
        given().get("/q/health/ready").then().statusCode(200);

        String rule = Files.readString(Path.of("..", "k8s", "base", "monitoring.yaml"));
        Set<String> series = new LinkedHashSet<>();
        Matcher expr = Pattern.compile("expr: \\|\\n((?: {12}.*\\n)+)").matcher(rule);
        while (expr.find()) {
            Matcher name = Pattern.compile("\\b((?:tsa|agroal)_[a-z0-9_]+)").matcher(expr.group(1));
            while (name.find()) {
                series.add(name.group(1));
            }
        }
        assertThat(series)
                .as("series named by the alert expressions")
                .contains(
                        "tsa_dynamodb_attempts_total",
                        "tsa_postgres_connections",
                        "tsa_postgres_connections_max",
                        "tsa_sync_failures_total",
                        "tsa_sync_lag_seconds",
                        "tsa_postgres_replication_lag_seconds");

        String metrics = scrape();
        for (String name : series) {
            assertThat(metrics)
                    .as("/q/metrics exposes " + name)
                    .containsPattern(Pattern.compile("(?m)^" + name + "[{ ]"));
        }
    }

    private static String scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of the first sample of this series whose labels contain {@code label} (may be empty). */
    static double value(String metrics, String series, String label) {
        Matcher sample =
                Pattern.compile("(?m)^" + series + "(\\{[^}]*\\})? (\\S+)$").matcher(metrics);
        while (sample.find()) {
            String labels = sample.group(1) == null ? "" : sample.group(1);
            if (labels.contains(label)) {
                return Double.parseDouble(sample.group(2));
            }
        }
        throw new AssertionError("no sample of " + series + " with " + label + " in /q/metrics");
    }

    static double value(String metrics, String series) {
        return value(metrics, series, "");
    }

    private static String query(String sql) throws Exception {
        try (Connection c = DataStores.shared().postgres().connect(PostgresServer.DATABASE);
                ResultSet r = c.createStatement().executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }
}
