package tsa.systemtest;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import tsa.testsupport.ProjectLayout;

/**
 * Resolves each service's production configuration the way the packaged service does (SmallRye Config, prod
 * profile, runtime's shared defaults under the service's application.properties) with only what the deployment
 * always sets (the database host), and fails on plain-text mail or database connections, on a service that would
 * create tables or buckets or migrate by itself, on credentials baked into the image, on a Flyway that would migrate
 * as anything but the migration role, and on a service URL or listener that is not TLS (issue 26).
 */
class ProductionConfigurationTest {

    private static final Pattern CLIENT_URL = Pattern.compile("quarkus\\.rest-client\\.(\\w+)\\.url");

    private static final List<String> SERVICES =
            List.of("admin-service", "coach-service", "parent-service", "sync-service");

    /** What every production Deployment sets apart from the credentials (k8s/overlays/prod, tsa-common). */
    private static final Map<String, String> DEPLOYMENT = Map.of("DATABASE_HOST", "db.tsa.example");

    @Test
    void productionConnectionsAreEncryptedAndServicesProvisionNothing() throws IOException {
        SoftAssertions soft = new SoftAssertions();
        for (String service : SERVICES) {
            SmallRyeConfig config = productionConfig(service, DEPLOYMENT);
            soft.assertThat(config.getValue("quarkus.mailer.start-tls", String.class))
                    .as(service + ": mail only over STARTTLS")
                    .isEqualTo("REQUIRED");
            soft.assertThat(config.getValue("quarkus.mailer.tls", Boolean.class))
                    .as(service + ": STARTTLS, not a plain or implicit-TLS guess")
                    .isFalse();
            soft.assertThat(config.getValue("quarkus.datasource.jdbc.url", String.class))
                    .as(service + ": PostgreSQL server verified against the mounted CA bundle")
                    .contains("sslmode=verify-full")
                    .contains("sslrootcert=/etc/tsa/rds-ca/");
            soft.assertThat(config.getValue("quarkus.flyway.migrate-at-start", Boolean.class))
                    .as(service + ": migrations run only in the tsa-db-migration Job")
                    .isFalse();
            soft.assertThat(config.getValue("tsa.dynamodb.provisioning.enabled", Boolean.class))
                    .as(service + ": tables are created by the tsa-dynamodb-provisioning Job only")
                    .isFalse();
            if (service.equals("parent-service")) {
                soft.assertThat(config.getValue("tsa.documents.s3.create-bucket", Boolean.class))
                        .as(service + ": the documents bucket is the operator's")
                        .isFalse();
            }
        }
        soft.assertAll();
    }

    @Test
    void servicesTalkToEachOtherOnlyOverTls() throws IOException {
        SoftAssertions soft = new SoftAssertions();
        for (String service : SERVICES) {
            SmallRyeConfig config = productionConfig(service, DEPLOYMENT);
            soft.assertThat(config.getValue("quarkus.http.insecure-requests", String.class))
                    .as(service + ": no plain HTTP port is opened")
                    .isEqualTo("disabled");
            soft.assertThat(config.getValue("quarkus.http.tls-configuration-name", String.class))
                    .as(service + ": its listener uses the mounted certificate")
                    .isEqualTo("tsa");
            soft.assertThat(config.getValue("quarkus.tls.tsa.key-store.pem.0.cert", String.class))
                    .startsWith("/etc/tsa/tls/");
            soft.assertThat(config.getValue("quarkus.tls.tsa.key-store.pem.0.key", String.class))
                    .startsWith("/etc/tsa/tls/");
            soft.assertThat(config.getValue("quarkus.tls.tsa.trust-store.pem.certs", String.class))
                    .as(service + ": the other services are verified against the internal CA")
                    .startsWith("/etc/tsa/tls/");
            List<String> clients = new ArrayList<>();
            for (String name : config.getPropertyNames()) {
                Matcher client = CLIENT_URL.matcher(name);
                if (client.matches()) {
                    clients.add(client.group(1));
                }
            }
            soft.assertThat(clients).as(service + ": its generated clients").isNotEmpty();
            for (String client : clients) {
                soft.assertThat(config.getValue("quarkus.rest-client." + client + ".url", String.class))
                        .as(service + ": " + client + " is called over TLS")
                        .startsWith("https://");
                soft.assertThat(config.getValue(
                                "quarkus.rest-client." + client + ".tls-configuration-name", String.class))
                        .as(service + ": " + client + " trusts the internal CA")
                        .isEqualTo("tsa");
                soft.assertThat(config.getOptionalValue(
                                "quarkus.rest-client." + client + ".verify-host", Boolean.class))
                        .as(service + ": " + client + " verifies host names")
                        .isNotEqualTo(Optional.of(false));
                soft.assertThat(config.getOptionalValue("quarkus.rest-client." + client + ".trust-all", Boolean.class))
                        .isNotEqualTo(Optional.of(true));
            }
        }
        soft.assertAll();
    }

    @Test
    void productionHasNoDefaultDatabaseCredentials() throws IOException {
        for (String service : SERVICES) {
            SmallRyeConfig config = productionConfig(service, DEPLOYMENT);
            assertThatThrownBy(() -> config.getValue("quarkus.datasource.username", String.class))
                    .as(service + ": the user comes from the Secret tsa-database-" + service + " only")
                    .isInstanceOf(NoSuchElementException.class);
            assertThatThrownBy(() -> config.getValue("quarkus.datasource.password", String.class))
                    .as(service + ": the password comes from the Secret tsa-database-" + service + " only")
                    .isInstanceOf(NoSuchElementException.class);
        }
    }

    /**
     * Least privilege for data (issue 26): a service's Flyway has no credentials of its own (it would use the
     * service's role, which can create nothing); only where the migration role's are given (the tsa-db-migration Job,
     * Secret tsa-database-migration) does Flyway connect as that role, while the datasource keeps its own user.
     */
    @Test
    void flywayConnectsAsTheMigrationRoleOnlyWhereItsCredentialsAreGiven() throws IOException {
        Map<String, String> service = Map.of(
                "DATABASE_HOST", "db.tsa.example", "DATABASE_USER", "admin_login", "DATABASE_PASSWORD", "secret");
        Map<String, String> job = new java.util.HashMap<>(service);
        job.put("DATABASE_MIGRATION_USER", "migration_login");
        job.put("DATABASE_MIGRATION_PASSWORD", "migration-secret");
        SoftAssertions soft = new SoftAssertions();
        for (String name : SERVICES) {
            SmallRyeConfig running = productionConfig(name, service);
            soft.assertThat(running.getOptionalValue("quarkus.flyway.username", String.class))
                    .as(name + ": no migration user baked into the image")
                    .isEmpty();
            soft.assertThat(running.getOptionalValue("quarkus.flyway.password", String.class))
                    .as(name + ": no migration password baked into the image")
                    .isEmpty();
            SmallRyeConfig migrating = productionConfig(name, job);
            soft.assertThat(migrating.getOptionalValue("quarkus.flyway.username", String.class))
                    .as(name + ": Flyway as the migration role")
                    .contains("migration_login");
            soft.assertThat(migrating.getOptionalValue("quarkus.flyway.password", String.class))
                    .contains("migration-secret");
            soft.assertThat(migrating.getValue("quarkus.datasource.username", String.class))
                    .as(name + ": the datasource keeps its own user")
                    .isEqualTo("admin_login");
        }
        soft.assertAll();
    }

    private static SmallRyeConfig productionConfig(String service, Map<String, String> environment) throws IOException {
        Path root = ProjectLayout.root();
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withProfile("prod")
                // The ordinals the packaged service gives them: a jar's microprofile-config.properties 100, the
                // application's application.properties 250, environment variables 300.
                .withSources(new PropertiesConfigSource(
                        root.resolve("runtime/src/main/resources/META-INF/microprofile-config.properties")
                                .toUri()
                                .toURL(),
                        100))
                .withSources(new PropertiesConfigSource(
                        root.resolve(service + "/src/main/resources/application.properties")
                                .toUri()
                                .toURL(),
                        250))
                .withSources(new PropertiesConfigSource(environment, "deployment environment", 300))
                .build();
    }
}
