package tsa.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Renders every overlay of {@code k8s/} with {@code kubectl kustomize} (offline, no cluster) and checks the objects
 * an operator gets: each service's kinds, probes, limits and security context, the ingress routes, the seed's table
 * variables with the overlay's names, the IAM policies beside the ServiceAccounts, encryption settings and the
 * seed's alerts. Without kubectl the test fails: the deployment is part of what CI proves. {@code -Dtsa.kubectl=PATH}
 * renders with another kubectl (e.g. Debian's kubectl 1.20, kustomize v2).
 */
class KubernetesManifestsTest {

    static final List<String> OVERLAYS = List.of("dev", "prod");

    /** Each service's one port in the cluster: its TLS listener (the prod profile opens no plain HTTP port). */
    static final Map<String, Integer> PORTS =
            Map.of("admin-service", 8443, "coach-service", 8443, "parent-service", 8443, "sync-service", 8443);

    /** The seed's table variables (architecture.md adds SIGN_IN_TABLE) with their dev names, by owning service. */
    static final Map<String, Map<String, String>> SEED_TABLES = Map.of(
            "admin-service",
                    Map.of(
                            "INVITATIONS_TABLE",
                            "coach-invitationsdev",
                            "AUDIT_LOGS_TABLE",
                            "admin-audit-logsdev",
                            "SIGN_IN_TABLE",
                            "auth-sign-in-linksdev"),
            "coach-service",
                    Map.of(
                            "PROFILES_TABLE",
                            "profilesdev",
                            "ONBOARDING_TABLE",
                            "coach-onboarding-sessionsdev",
                            "PARENT_INVITATIONS_TABLE",
                            "parent-invitationsdev"),
            "parent-service",
                    Map.of(
                            "ENROLLMENTS_TABLE",
                            "tsa-parent-enrollmentsdev",
                            "DOCUMENTS_TABLE",
                            "tsa-parent-documentsdev",
                            "SCHEDULING_TABLE",
                            "tsa-parent-schedulingdev"),
            "sync-service", Map.of("ORGANIZATIONS_TABLE", "organizations-dev", "STUDENTS_TABLE", "students-dev"));

    /** Public paths (architecture.md, "Public API outline") and the service the ingress must send each to. */
    static final Map<String, String> PUBLIC_PATHS = Map.ofEntries(
            Map.entry("/api/auth/magic-links", "admin-service"),
            Map.entry("/api/auth/sessions", "admin-service"),
            Map.entry("/api/admin/coach-invitations", "admin-service"),
            Map.entry("/api/admin/openapi", "admin-service"),
            Map.entry("/api/admin/swagger-ui", "admin-service"),
            Map.entry("/api/admin/swagger-ui/index.html", "admin-service"),
            Map.entry("/api/coach/profiles/me", "coach-service"),
            Map.entry("/api/coach/openapi", "coach-service"),
            Map.entry("/api/coach/swagger-ui", "coach-service"),
            Map.entry("/api/parent/enrollments", "parent-service"),
            Map.entry("/api/parent/openapi", "parent-service"),
            Map.entry("/api/parent/swagger-ui", "parent-service"),
            Map.entry("/api/sync/status", "sync-service"),
            Map.entry("/api/sync/openapi", "sync-service"),
            Map.entry("/api/sync/swagger-ui", "sync-service"),
            Map.entry("/api/sync/standards/oneroster-1.2.json", "sync-service"),
            Map.entry("/ims/oneroster/rostering/v1p2/users", "sync-service"),
            Map.entry("/edfi", "sync-service"),
            Map.entry("/edfi/oauth/token", "sync-service"),
            Map.entry("/edfi/data/v3/ed-fi/schools", "sync-service"));

    /** Paths the ingress must never route: internal operations, health and metrics. */
    static final List<String> HIDDEN_PATHS = List.of(
            "/internal/audit-records",
            "/internal/coach-invitations/x/accept",
            "/internal/parent-invitations/exchange",
            "/internal/profile-changes",
            "/q/health/live",
            "/q/health/ready",
            "/q/metrics",
            "/q/openapi",
            "/",
            "/api",
            "/api/internal",
            "/apiauth");

    /**
     * Prometheus series the alerts use, and the Micrometer meter name each comes from (file that registers it). That
     * a running service really exposes each one is proven by sync-service's DatabaseMetricsTest, which scrapes its
     * /q/metrics for every series named in k8s/base/monitoring.yaml.
     */
    static final Map<String, String[]> ALERT_METRICS = Map.of(
            "tsa_dynamodb_attempts_total",
                    new String[] {
                        "tsa.dynamodb.attempts",
                        "runtime/src/main/java/tsa/runtime/dynamo/DynamoMetricsInterceptor.java"
                    },
            "tsa_postgres_connections",
                    new String[] {
                        "tsa.postgres.connections",
                        "runtime/src/main/java/tsa/runtime/metrics/PostgresServerGauges.java"
                    },
            "tsa_postgres_connections_max",
                    new String[] {
                        "tsa.postgres.connections.max",
                        "runtime/src/main/java/tsa/runtime/metrics/PostgresServerGauges.java"
                    },
            "tsa_postgres_replication_lag_seconds",
                    new String[] {
                        "tsa.postgres.replication.lag.seconds",
                        "runtime/src/main/java/tsa/runtime/metrics/PostgresServerGauges.java"
                    },
            "tsa_sync_failures_total",
                    new String[] {
                        "tsa.sync.failures", "sync-service/src/main/java/tsa/sync/status/service/SyncMetrics.java"
                    },
            "tsa_sync_lag_seconds",
                    new String[] {
                        "tsa.sync.lag.seconds", "sync-service/src/main/java/tsa/sync/status/service/SyncMetrics.java"
                    });

    static final String URI_FLAG = "-Dvertx.disableURIValidation=true";
    static final ObjectMapper JSON = new ObjectMapper();

    static Path root;
    static final Map<String, List<JsonNode>> RENDERED = new LinkedHashMap<>();

    @BeforeAll
    static void render() throws Exception {
        root = repositoryRoot();
        for (String overlay : OVERLAYS) {
            RENDERED.put(overlay, render(overlay));
        }
    }

    @Test
    void everyServiceHasItsObjects() {
        SoftAssertions soft = new SoftAssertions();
        forEachOverlay((overlay, objects) -> {
            for (String service : PORTS.keySet()) {
                String at = overlay + "/" + service + ": ";
                for (String kind : List.of(
                        "Deployment",
                        "Service",
                        "ServiceAccount",
                        "HorizontalPodAutoscaler",
                        "PodDisruptionBudget",
                        "NetworkPolicy")) {
                    soft.assertThat(find(objects, kind, service)).as(at + kind).isNotNull();
                }
                soft.assertThat(find(objects, "ConfigMap", service + "-config"))
                        .as(at + "ConfigMap")
                        .isNotNull();
                JsonNode account = find(objects, "ServiceAccount", service);
                if (account != null) {
                    soft.assertThat(account.at("/metadata/annotations")
                                    .path("eks.amazonaws.com/role-arn")
                                    .asText())
                            .as(at + "IAM role annotation")
                            .matches("arn:aws:iam::\\d{12}:role/[\\w+=,.@-]+");
                }
                JsonNode deployment = find(objects, "Deployment", service);
                if (deployment != null) {
                    soft.assertThat(deployment
                                    .at("/spec/template/spec/serviceAccountName")
                                    .asText())
                            .as(at + "SA")
                            .isEqualTo(service);
                }
                JsonNode hpa = find(objects, "HorizontalPodAutoscaler", service);
                if (hpa != null) {
                    soft.assertThat(hpa.at("/spec/scaleTargetRef/name").asText())
                            .as(at + "HPA target")
                            .isEqualTo(service);
                    soft.assertThat(hpa.at("/spec/maxReplicas").asInt())
                            .as(at + "HPA max")
                            .isGreaterThanOrEqualTo(hpa.at("/spec/minReplicas").asInt())
                            .isGreaterThan(0);
                }
                JsonNode pdb = find(objects, "PodDisruptionBudget", service);
                if (pdb != null) {
                    soft.assertThat(pdb.at("/spec/selector/matchLabels/app.kubernetes.io~1name")
                                    .asText())
                            .as(at + "PDB selector")
                            .isEqualTo(service);
                }
                JsonNode svc = find(objects, "Service", service);
                if (svc != null) {
                    soft.assertThat(svc.at("/spec/ports/0/port").asInt())
                            .as(at + "Service port")
                            .isEqualTo(PORTS.get(service));
                    soft.assertThat(svc.at("/spec/selector/app.kubernetes.io~1name")
                                    .asText())
                            .as(at + "Service selector")
                            .isEqualTo(service);
                }
            }
            for (String[] kindAndName : List.of(
                    new String[] {"Ingress", "tsa"},
                    new String[] {"NetworkPolicy", "default-deny-ingress"},
                    new String[] {"ConfigMap", "tsa-common"},
                    new String[] {"Job", "tsa-dynamodb-provisioning"},
                    new String[] {"Job", "tsa-db-migration"},
                    new String[] {"ExternalSecret", "tsa-database-migration"},
                    new String[] {"ExternalSecret", "tsa-database-admin-service"},
                    new String[] {"ExternalSecret", "tsa-database-coach-service"},
                    new String[] {"ExternalSecret", "tsa-database-parent-service"},
                    new String[] {"ExternalSecret", "tsa-database-sync-service"},
                    new String[] {"SecretStore", "tsa-secrets-manager"},
                    new String[] {"ServiceMonitor", "tsa-services"},
                    new String[] {"PrometheusRule", "tsa-alerts"})) {
                soft.assertThat(find(objects, kindAndName[0], kindAndName[1]))
                        .as(overlay + ": " + String.join(" ", kindAndName))
                        .isNotNull();
            }
            soft.assertThat(objects)
                    .as(overlay + ": every object in the overlay's namespace")
                    .allSatisfy(o ->
                            assertThat(o.at("/metadata/namespace").asText()).isEqualTo("tsa-" + overlay));
        });
        soft.assertAll();
    }

    @Test
    void deploymentsAreHardenedProbedAndLimited() {
        SoftAssertions soft = new SoftAssertions();
        forEachOverlay((overlay, objects) -> {
            Map<String, String> common = data(find(objects, "ConfigMap", "tsa-common"));
            soft.assertThat(common.get("QUARKUS_SHUTDOWN_TIMEOUT"))
                    .as(overlay + ": graceful shutdown")
                    .matches("\\d+S");
            long shutdownSeconds = Long.parseLong(
                    common.getOrDefault("QUARKUS_SHUTDOWN_TIMEOUT", "0S").replace("S", ""));
            for (String service : PORTS.keySet()) {
                String at = overlay + "/" + service + ": ";
                JsonNode deployment = find(objects, "Deployment", service);
                if (deployment == null) {
                    soft.fail(at + "no Deployment");
                    continue;
                }
                JsonNode pod = deployment.at("/spec/template/spec");
                soft.assertThat(pod.at("/terminationGracePeriodSeconds").asLong())
                        .as(at + "grace period")
                        .isGreaterThan(shutdownSeconds);
                JsonNode container = pod.at("/containers/0");
                checkHardened(soft, at, pod, container);
                int port = PORTS.get(service);
                soft.assertThat(container.at("/ports/0/containerPort").asInt())
                        .as(at + "port")
                        .isEqualTo(port);
                for (String[] probe : List.of(
                        new String[] {"startupProbe", "/q/health/started"},
                        new String[] {"readinessProbe", "/q/health/ready"},
                        new String[] {"livenessProbe", "/q/health/live"})) {
                    soft.assertThat(container.path(probe[0]).at("/httpGet/path").asText())
                            .as(at + probe[0])
                            .isEqualTo(probe[1]);
                    soft.assertThat(container.path(probe[0]).at("/httpGet/port").asText())
                            .as(at + probe[0] + " port")
                            .isIn("https", Integer.toString(port));
                    soft.assertThat(container
                                    .path(probe[0])
                                    .at("/httpGet/scheme")
                                    .asText())
                            .as(at + probe[0] + " over TLS")
                            .isEqualTo("HTTPS");
                }
                JsonNode annotations = deployment.at("/spec/template/metadata/annotations");
                soft.assertThat(annotations.path("prometheus.io/path").asText())
                        .as(at + "scrape path")
                        .isEqualTo("/q/metrics");
                soft.assertThat(annotations.path("prometheus.io/port").asText())
                        .as(at + "scrape port")
                        .isEqualTo(Integer.toString(port));
                soft.assertThat(annotations.path("prometheus.io/scheme").asText())
                        .as(at + "scraped over TLS")
                        .isEqualTo("https");
                checkUriFlag(soft, at, container);
                List<String> envFrom = new ArrayList<>();
                container
                        .path("envFrom")
                        .forEach(e -> envFrom.add(e.at("/configMapRef/name").asText()));
                soft.assertThat(envFrom).as(at + "envFrom").containsExactly("tsa-common", service + "-config");
                checkDatabaseRole(soft, at, container, "tsa-database-" + service);
                soft.assertThat(env(container))
                        .as(at + "no migration credentials: a service never migrates")
                        .doesNotContainKeys("DATABASE_MIGRATION_USER", "DATABASE_MIGRATION_PASSWORD");
                soft.assertThat(secretsMounted(pod))
                        .as(at + "signing keys mounted")
                        .contains("tsa-jwks", service + "-key");
                if (service.equals("admin-service")) {
                    soft.assertThat(secretsMounted(pod))
                            .as(at + "user-session key")
                            .contains("tsa-user-session-key");
                } else {
                    soft.assertThat(secretsMounted(pod))
                            .as(at + "only admin-service holds the user-session key")
                            .doesNotContain("tsa-user-session-key");
                }
            }
            for (String job : List.of("tsa-dynamodb-provisioning", "tsa-db-migration")) {
                JsonNode pod = find(objects, "Job", job).at("/spec/template/spec");
                checkHardened(soft, overlay + "/" + job + ": ", pod, pod.at("/containers/0"));
            }
            JsonNode migrate = find(objects, "Job", "tsa-db-migration").at("/spec/template/spec/containers/0");
            checkUriFlag(soft, overlay + "/tsa-db-migration: ", migrate);
            checkDatabaseRole(soft, overlay + "/tsa-db-migration: ", migrate, "tsa-database-migration");
            for (String variable : List.of("DATABASE_MIGRATION_USER", "DATABASE_MIGRATION_PASSWORD")) {
                soft.assertThat(env(migrate)
                                .getOrDefault(variable, JSON.createObjectNode())
                                .at("/valueFrom/secretKeyRef/name")
                                .asText())
                        .as(overlay + "/tsa-db-migration: Flyway's " + variable)
                        .isEqualTo("tsa-database-migration");
            }
        });
        soft.assertAll();
    }

    @Test
    void ingressRoutesEveryPublicPrefixWithTlsAndNothingInternal() {
        SoftAssertions soft = new SoftAssertions();
        forEachOverlay((overlay, objects) -> {
            JsonNode ingress = find(objects, "Ingress", "tsa");
            JsonNode rules = ingress.at("/spec/rules");
            soft.assertThat(rules.size()).as(overlay + ": one host").isEqualTo(1);
            String host = rules.at("/0/host").asText();
            soft.assertThat(ingress.at("/spec/tls/0/secretName").asText())
                    .as(overlay + ": TLS secret")
                    .isNotBlank();
            soft.assertThat(ingress.at("/spec/tls/0/hosts").toString())
                    .as(overlay + ": TLS covers the host")
                    .contains('"' + host + '"');
            Map<String, JsonNode> routes = new LinkedHashMap<>();
            rules.at("/0/http/paths").forEach(p -> {
                String path = p.path("path").asText();
                soft.assertThat(p.path("pathType").asText())
                        .as(overlay + ": " + path)
                        .isEqualTo("Prefix");
                soft.assertThat(path)
                        .as(overlay + ": no internal or Quarkus path routed")
                        .doesNotStartWith("/internal")
                        .doesNotStartWith("/q")
                        .isNotEqualTo("/");
                routes.put(path, p.path("backend").path("service"));
            });
            PUBLIC_PATHS.forEach((path, service) -> {
                JsonNode backend = route(routes, path);
                soft.assertThat(backend).as(overlay + ": " + path + " routed").isNotNull();
                if (backend != null) {
                    soft.assertThat(backend.path("name").asText())
                            .as(overlay + ": " + path)
                            .isEqualTo(service);
                    soft.assertThat(backend.at("/port/number").asInt())
                            .as(overlay + ": " + path + " port")
                            .isEqualTo(PORTS.get(service));
                }
            });
            for (String hidden : HIDDEN_PATHS) {
                soft.assertThat(route(routes, hidden))
                        .as(overlay + ": " + hidden + " must not be routed")
                        .isNull();
            }
        });
        soft.assertAll();
    }

    @Test
    void networkPoliciesAdmitOnlyTheIngressControllerTheOtherServicesAndPrometheus() {
        SoftAssertions soft = new SoftAssertions();
        forEachOverlay((overlay, objects) -> {
            JsonNode deny = find(objects, "NetworkPolicy", "default-deny-ingress");
            soft.assertThat(deny.at("/spec/podSelector").size())
                    .as(overlay + ": default deny selects every pod")
                    .isZero();
            soft.assertThat(deny.at("/spec/ingress").isMissingNode()
                            || deny.at("/spec/ingress").isEmpty())
                    .isTrue();
            for (String service : PORTS.keySet()) {
                String at = overlay + "/" + service + ": ";
                JsonNode policy = find(objects, "NetworkPolicy", service);
                soft.assertThat(policy.at("/spec/podSelector/matchLabels/app.kubernetes.io~1name")
                                .asText())
                        .as(at)
                        .isEqualTo(service);
                Set<String> peers = new HashSet<>();
                policy.at("/spec/ingress").forEach(rule -> {
                    rule.path("ports")
                            .forEach(p -> soft.assertThat(p.path("port").asInt())
                                    .as(at + "port")
                                    .isEqualTo(PORTS.get(service)));
                    soft.assertThat(rule.path("from").size())
                            .as(at + "every rule names its sources")
                            .isPositive();
                    rule.path("from").forEach(peer -> {
                        soft.assertThat(peer.has("ipBlock"))
                                .as(at + "no ipBlock")
                                .isFalse();
                        String ns = peer.at("/namespaceSelector/matchLabels/kubernetes.io~1metadata.name")
                                .asText(null);
                        if (ns != null) {
                            soft.assertThat(peer.has("podSelector")).isFalse();
                            peers.add("namespace " + ns);
                        } else {
                            soft.assertThat(peer.at("/podSelector/matchLabels/app.kubernetes.io~1part-of")
                                            .asText())
                                    .as(at + "pod peers are TSA services")
                                    .isEqualTo("tsa");
                            soft.assertThat(peer.at("/podSelector/matchLabels/app.kubernetes.io~1component")
                                            .asText())
                                    .as(at + "pod peers are TSA services")
                                    .isEqualTo("api");
                            peers.add("tsa services");
                        }
                    });
                });
                soft.assertThat(peers)
                        .as(at + "peers")
                        .containsExactlyInAnyOrder("namespace ingress-nginx", "tsa services", "namespace monitoring");
            }
        });
        soft.assertAll();
    }

    @Test
    void everySeedTableVariableIsInItsServicesConfigMapWithTheOverlaysName() throws IOException {
        String script = Files.readString(root.resolve("k8s/base/provision-dynamodb.sh"));
        SoftAssertions soft = new SoftAssertions();
        forEachOverlay((overlay, objects) -> {
            Map<String, String> allTables = new LinkedHashMap<>();
            SEED_TABLES.forEach((service, tables) -> {
                Map<String, String> config = data(find(objects, "ConfigMap", service + "-config"));
                tables.forEach((variable, devName) -> {
                    String expected = tableName(overlay, devName);
                    soft.assertThat(config.get(variable))
                            .as(overlay + "/" + service + ": " + variable)
                            .isEqualTo(expected);
                    allTables.put(variable, expected);
                });
                Set<String> tableVariables = config.keySet().stream()
                        .filter(k -> k.endsWith("_TABLE"))
                        .collect(Collectors.toSet());
                soft.assertThat(tableVariables)
                        .as(overlay + "/" + service + ": only its own tables")
                        .containsExactlyInAnyOrderElementsOf(tables.keySet());
            });
            soft.assertThat(new HashSet<>(allTables.values()))
                    .as(overlay + ": distinct names")
                    .hasSize(allTables.size());
            // The provisioning Job creates every table, taking each name from its owner's ConfigMap.
            Map<String, JsonNode> jobEnv =
                    env(find(objects, "Job", "tsa-dynamodb-provisioning").at("/spec/template/spec/containers/0"));
            SEED_TABLES.forEach((service, tables) -> tables.keySet().forEach(variable -> {
                JsonNode ref =
                        jobEnv.getOrDefault(variable, MissingNode.getInstance()).at("/valueFrom/configMapKeyRef");
                soft.assertThat(ref.path("name").asText() + "/"
                                + ref.path("key").asText())
                        .as(overlay + ": provisioning " + variable)
                        .isEqualTo(service + "-config/" + variable);
                soft.assertThat(script)
                        .as("provision-dynamodb.sh provisions " + variable)
                        .contains("provision \"$" + variable + "\"");
            }));
        });
        soft.assertAll();
    }

    @Test
    void iamPoliciesGrantEachServiceOnlyItsOwnTablesWithoutWildcards() throws IOException {
        SoftAssertions soft = new SoftAssertions();
        for (String overlay : OVERLAYS) {
            List<JsonNode> objects = RENDERED.get(overlay);
            Path iam = root.resolve("k8s/overlays/" + overlay + "/iam");
            String kmsKey = data(find(objects, "ConfigMap", "tsa-provisioning")).get("DYNAMODB_SSE_KMS_KEY_ID");
            Set<String> roles = new HashSet<>();
            Set<String> everyTable = new HashSet<>();
            for (String service : PORTS.keySet()) {
                String at = overlay + "/iam/" + service + "-policy.json: ";
                Map<String, String> config = data(find(objects, "ConfigMap", service + "-config"));
                Set<String> own = SEED_TABLES.get(service).keySet().stream()
                        .map(config::get)
                        .collect(Collectors.toSet());
                everyTable.addAll(own);
                roles.add(find(objects, "ServiceAccount", service)
                        .at("/metadata/annotations")
                        .path("eks.amazonaws.com/role-arn")
                        .asText());
                JsonNode policy = JSON.readTree(Files.readString(iam.resolve(service + "-policy.json")));
                Set<String> granted = new HashSet<>();
                Set<String> actions = new HashSet<>();
                for (JsonNode statement : policy.path("Statement")) {
                    soft.assertThat(statement.path("Effect").asText())
                            .as(at + "Allow only")
                            .isEqualTo("Allow");
                    soft.assertThat(statement.has("NotAction") || statement.has("NotResource"))
                            .as(at + "no NotAction/NotResource")
                            .isFalse();
                    for (String action : strings(statement.path("Action"))) {
                        actions.add(action);
                        soft.assertThat(action)
                                .as(at + "action")
                                .doesNotContain("*")
                                .doesNotContain("?");
                    }
                    for (String resource : strings(statement.path("Resource"))) {
                        checkServiceResource(soft, at, service, resource, own, config, kmsKey, granted);
                    }
                }
                soft.assertThat(granted).as(at + "every own table granted").containsAll(own);
                soft.assertThat(actions)
                        .as(at + "no provisioning or destructive action")
                        .doesNotContain(
                                "dynamodb:CreateTable",
                                "dynamodb:DeleteTable",
                                "dynamodb:UpdateTable",
                                "dynamodb:UpdateTimeToLive",
                                "dynamodb:TagResource",
                                "s3:CreateBucket",
                                "s3:DeleteBucket",
                                "s3:PutBucketPolicy");
                soft.assertThat(actions)
                        .as(at + "reads and writes its tables")
                        .contains("dynamodb:GetItem", "dynamodb:PutItem");
                if (service.equals("parent-service")) {
                    soft.assertThat(actions).as(at + "documents").contains("s3:GetObject", "s3:PutObject");
                } else {
                    soft.assertThat(actions).as(at + "no S3").noneMatch(a -> a.startsWith("s3:"));
                }
                if (overlay.equals("prod")) {
                    soft.assertThat(actions).as(at + "table key").contains("kms:Decrypt");
                }
            }
            soft.assertThat(roles).as(overlay + ": one role per service").hasSize(PORTS.size());

            JsonNode provisioner = JSON.readTree(Files.readString(iam.resolve("dynamodb-provisioner-policy.json")));
            Set<String> provisioned = new HashSet<>();
            for (JsonNode statement : provisioner.path("Statement")) {
                strings(statement.path("Action"))
                        .forEach(a -> soft.assertThat(a)
                                .as(overlay + " provisioner action")
                                .doesNotContain("*"));
                for (String resource : strings(statement.path("Resource"))) {
                    soft.assertThat(resource)
                            .as(overlay + " provisioner resource")
                            .doesNotContain("*");
                    Matcher table = Pattern.compile("arn:aws:dynamodb:[a-z0-9-]+:\\d{12}:table/([\\w.-]+)")
                            .matcher(resource);
                    if (table.matches()) {
                        provisioned.add(table.group(1));
                    } else {
                        soft.assertThat(resource)
                                .as(overlay + " provisioner: only tables and the table key")
                                .isEqualTo(kmsKey);
                    }
                }
            }
            soft.assertThat(provisioned)
                    .as(overlay + ": provisioner covers exactly the TSA tables")
                    .isEqualTo(everyTable);

            JsonNode secrets = JSON.readTree(Files.readString(iam.resolve("external-secrets-policy.json")));
            String databaseSecret = find(objects, "ExternalSecret", "tsa-database-migration")
                    .at("/spec/data/0/remoteRef/key")
                    .asText();
            checkDatabaseSecrets(soft, overlay, objects, databaseSecret);
            for (JsonNode statement : secrets.path("Statement")) {
                strings(statement.path("Action"))
                        .forEach(a -> soft.assertThat(a)
                                .as(overlay + " external-secrets action")
                                .startsWith("secretsmanager:")
                                .doesNotContain("*"));
                strings(statement.path("Resource"))
                        .forEach(r -> soft.assertThat(r)
                                .as(overlay + " external-secrets resource")
                                .isEqualTo(databaseSecret));
            }
        }
        soft.assertAll();
    }

    @Test
    void prodEncryptsAtRestAndInTransit() {
        List<JsonNode> objects = RENDERED.get("prod");
        SoftAssertions soft = new SoftAssertions();
        Map<String, String> common = data(find(objects, "ConfigMap", "tsa-common"));
        String tls = common.getOrDefault("DATABASE_TLS_PARAMETERS", "");
        soft.assertThat(tls)
                .as("PostgreSQL TLS")
                .contains("sslmode=verify-full")
                .contains("sslrootcert=/etc/tsa/rds-ca/");
        soft.assertThat(common.get("QUARKUS_MAILER_START_TLS"))
                .as("mail over STARTTLS")
                .isEqualTo("REQUIRED");
        soft.assertThat(data(find(objects, "ConfigMap", "tsa-provisioning")).get("DYNAMODB_SSE_KMS_KEY_ID"))
                .as("DynamoDB SSE under a customer-managed key")
                .matches("arn:aws:kms:[a-z0-9-]+:\\d{12}:key/[0-9a-f-]+");
        List<JsonNode> pods = new ArrayList<>();
        PORTS.keySet().forEach(s -> pods.add(find(objects, "Deployment", s).at("/spec/template/spec")));
        pods.add(find(objects, "Job", "tsa-db-migration").at("/spec/template/spec"));
        for (JsonNode pod : pods) {
            JsonNode container = pod.at("/containers/0");
            String name = container.path("name").asText();
            soft.assertThat(env(container)
                            .getOrDefault("QUARKUS_DATASOURCE_JDBC_URL", MissingNode.getInstance())
                            .path("value")
                            .asText())
                    .as(name + ": JDBC URL carries the TLS parameters")
                    .endsWith("?$(DATABASE_TLS_PARAMETERS)");
            JsonNode volume = volume(pod, "rds-ca");
            soft.assertThat(volume.at("/secret/secretName").asText())
                    .as(name + ": RDS CA bundle")
                    .isEqualTo("tsa-rds-ca");
            soft.assertThat(volume.at("/secret/optional").asBoolean(true))
                    .as(name + ": RDS CA bundle required")
                    .isFalse();
            soft.assertThat(mountPath(container, "rds-ca"))
                    .as(name + ": mounted where sslrootcert points")
                    .isEqualTo("/etc/tsa/rds-ca");
        }
        // dev encrypts the connection too, without CA verification.
        soft.assertThat(data(find(RENDERED.get("dev"), "ConfigMap", "tsa-common"))
                        .get("DATABASE_TLS_PARAMETERS"))
                .as("dev PostgreSQL TLS")
                .contains("sslmode=require");
        soft.assertAll();
    }

    @Test
    void servicesSpeakOnlyTlsWithCertificatesFromTheInternalCa() {
        SoftAssertions soft = new SoftAssertions();
        forEachOverlay((overlay, objects) -> {
            soft.assertThat(find(objects, "Issuer", "tsa-internal"))
                    .as(overlay + ": the internal CA issuer")
                    .isNotNull();
            for (String service : PORTS.keySet()) {
                String at = overlay + "/" + service + ": ";
                data(find(objects, "ConfigMap", service + "-config")).forEach((key, value) -> {
                    if (key.endsWith("_SERVICE_URL")) {
                        soft.assertThat(value)
                                .as(at + key + " over TLS to a Service of this overlay")
                                .matches("https://[a-z-]+:8443");
                        String target = value.substring("https://".length(), value.lastIndexOf(':'));
                        soft.assertThat(find(objects, "Service", target))
                                .as(at + key)
                                .isNotNull();
                    }
                });
                JsonNode certificate = find(objects, "Certificate", service);
                soft.assertThat(certificate).as(at + "Certificate").isNotNull();
                if (certificate != null) {
                    soft.assertThat(certificate.at("/spec/secretName").asText()).isEqualTo(service + "-tls");
                    soft.assertThat(certificate.at("/spec/issuerRef/name").asText())
                            .isEqualTo("tsa-internal");
                    soft.assertThat(strings(certificate.at("/spec/dnsNames")))
                            .as(at + "names the service and the ingress's check name")
                            .contains(service, "tsa-backend");
                }
                JsonNode pod = find(objects, "Deployment", service).at("/spec/template/spec");
                soft.assertThat(volume(pod, "tls").at("/secret/secretName").asText())
                        .as(at + "its certificate mounted")
                        .isEqualTo(service + "-tls");
                soft.assertThat(mountPath(pod.at("/containers/0"), "tls"))
                        .as(at + "where the prod profile reads it")
                        .isEqualTo("/etc/tsa/tls");
            }
            JsonNode annotations = find(objects, "Ingress", "tsa").at("/metadata/annotations");
            soft.assertThat(annotations
                            .path("nginx.ingress.kubernetes.io/backend-protocol")
                            .asText())
                    .as(overlay + ": the ingress proxies over TLS")
                    .isEqualTo("HTTPS");
            soft.assertThat(annotations
                            .path("nginx.ingress.kubernetes.io/proxy-ssl-verify")
                            .asText())
                    .as(overlay + ": and verifies the services")
                    .isEqualTo("on");
            soft.assertThat(annotations
                            .path("nginx.ingress.kubernetes.io/proxy-ssl-secret")
                            .asText())
                    .as(overlay + ": with the internal CA from its own namespace")
                    .isEqualTo("tsa-" + overlay + "/tsa-backend-client");
            soft.assertThat(find(objects, "Certificate", "tsa-backend-client"))
                    .as(overlay + ": the ingress's and Prometheus' certificate")
                    .isNotNull();
            JsonNode endpoint = find(objects, "ServiceMonitor", "tsa-services").at("/spec/endpoints/0");
            soft.assertThat(endpoint.path("scheme").asText())
                    .as(overlay + ": scraped over TLS")
                    .isEqualTo("https");
            soft.assertThat(endpoint.at("/tlsConfig/insecureSkipVerify").asBoolean(false))
                    .as(overlay + ": scrapes verify the services")
                    .isFalse();
        });
        soft.assertAll();
    }

    @Test
    void prometheusRuleHoldsTheSeedsFourAlertsOnMetricsTheServicesRegister() throws IOException {
        SoftAssertions soft = new SoftAssertions();
        forEachOverlay((overlay, objects) -> {
            Map<String, String> alerts = new LinkedHashMap<>();
            find(objects, "PrometheusRule", "tsa-alerts")
                    .at("/spec/groups")
                    .forEach(g -> g.path("rules")
                            .forEach(r -> alerts.put(
                                    r.path("alert").asText(),
                                    r.path("expr")
                                            .asText()
                                            .replaceAll("\\s+", " ")
                                            .trim())));
            soft.assertThat(alerts).as(overlay + ": the seed's four alerts").hasSize(4);
            soft.assertThat(alerts.get("TsaDynamoDbThrottling"))
                    .as("DynamoDB throttling > 1% of the attempts, per table")
                    .contains("sum by (namespace, table) (rate(tsa_dynamodb_attempts_total{outcome=\"throttled\"}[")
                    .contains("/ sum by (namespace, table) (rate(tsa_dynamodb_attempts_total[")
                    .endsWith("> 0.01");
            soft.assertThat(alerts.get("TsaPostgresConnectionsHigh"))
                    .as("PostgreSQL connections > 80% of the server's max_connections")
                    .contains("(tsa_postgres_connections)")
                    .contains("/ max by")
                    .contains("(tsa_postgres_connections_max)")
                    .endsWith("> 0.8");
            soft.assertThat(alerts.get("TsaSyncFailures"))
                    .as("sync failures > 5 per hour")
                    .contains("increase(tsa_sync_failures_total[1h])")
                    .endsWith("> 5");
            soft.assertThat(alerts.get("TsaDatabaseLag"))
                    .as("database lag > 500 ms: sync lag or replication lag")
                    .contains("(tsa_sync_lag_seconds) > 0.5")
                    .contains(" or ")
                    .contains("(tsa_postgres_replication_lag_seconds) > 0.5");
            Matcher series = Pattern.compile("\\b(?:tsa|agroal)_[a-z_]+").matcher(String.join(" ", alerts.values()));
            while (series.find()) {
                soft.assertThat(ALERT_METRICS)
                        .as(overlay + ": alert series " + series.group() + " is a known meter")
                        .containsKey(series.group());
            }
        });
        for (Map.Entry<String, String[]> metric : ALERT_METRICS.entrySet()) {
            String source = Files.readString(root.resolve(metric.getValue()[1]));
            soft.assertThat(source)
                    .as(metric.getKey() + " is registered as " + metric.getValue()[0])
                    .contains('"' + metric.getValue()[0] + '"');
        }
        soft.assertAll();
    }

    // --- checks shared by several tests ---

    static void checkHardened(SoftAssertions soft, String at, JsonNode pod, JsonNode container) {
        soft.assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean())
                .as(at + "pod runAsNonRoot")
                .isTrue();
        soft.assertThat(pod.at("/securityContext/runAsUser").asInt(0))
                .as(at + "pod runAsUser")
                .isPositive();
        soft.assertThat(pod.at("/securityContext/seccompProfile/type").asText())
                .as(at + "seccomp")
                .isEqualTo("RuntimeDefault");
        soft.assertThat(pod.path("hostNetwork").asBoolean(false)
                        || pod.path("hostPID").asBoolean(false))
                .as(at + "no host namespaces")
                .isFalse();
        JsonNode security = container.path("securityContext");
        soft.assertThat(security.path("allowPrivilegeEscalation").asBoolean(true))
                .as(at + "allowPrivilegeEscalation")
                .isFalse();
        soft.assertThat(security.path("readOnlyRootFilesystem").asBoolean(false))
                .as(at + "readOnlyRootFilesystem")
                .isTrue();
        soft.assertThat(security.path("privileged").asBoolean(false))
                .as(at + "privileged")
                .isFalse();
        soft.assertThat(strings(security.at("/capabilities/drop")))
                .as(at + "capabilities dropped")
                .containsExactly("ALL");
        soft.assertThat(security.at("/capabilities/add").isMissingNode())
                .as(at + "no capability added")
                .isTrue();
        soft.assertThat(security.at("/seccompProfile/type").asText())
                .as(at + "container seccomp")
                .isEqualTo("RuntimeDefault");
        for (String kind : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                soft.assertThat(container
                                .at("/resources/" + kind + "/" + resource)
                                .asText())
                        .as(at + kind + "." + resource)
                        .isNotBlank();
            }
        }
        // Secret files are owned by root: a non-root process reads them only through the pod's fsGroup.
        pod.path("volumes").forEach(v -> {
            JsonNode mode = v.has("projected") ? v.at("/projected/defaultMode") : v.at("/secret/defaultMode");
            if (!mode.isMissingNode()) {
                soft.assertThat(mode.asInt() & 0040)
                        .as(at + v.path("name").asText() + " readable by the group")
                        .isNotZero();
                soft.assertThat(mode.asInt() & 0007)
                        .as(at + v.path("name").asText() + " not readable by others")
                        .isZero();
                soft.assertThat(pod.at("/securityContext/fsGroup").asInt(0))
                        .as(at + "fsGroup for secret files")
                        .isPositive();
            }
        });
        soft.assertThat(mountPath(container, "tmp")).as(at + "/tmp mounted").isEqualTo("/tmp");
        soft.assertThat(volume(pod, "tmp").has("emptyDir"))
                .as(at + "/tmp is an emptyDir")
                .isTrue();
    }

    /**
     * Least privilege for data (issue 26): the container's database user and password come from {@code secret}, its
     * own role's Secret, and no other {@code tsa-database-*} Secret is referenced, in its environment or its volumes.
     */
    static void checkDatabaseRole(SoftAssertions soft, String at, JsonNode container, String secret) {
        Map<String, JsonNode> env = env(container);
        for (String variable : List.of("DATABASE_USER", "DATABASE_PASSWORD")) {
            soft.assertThat(env.getOrDefault(variable, JSON.createObjectNode())
                            .at("/valueFrom/secretKeyRef/name")
                            .asText())
                    .as(at + variable + " from its own role's Secret")
                    .isEqualTo(secret);
        }
        env.values().forEach(e -> {
            String name = e.at("/valueFrom/secretKeyRef/name").asText();
            if (name.startsWith("tsa-database")) {
                soft.assertThat(name).as(at + "only its own database Secret").isEqualTo(secret);
            }
        });
        container
                .path("envFrom")
                .forEach(e -> soft.assertThat(e.at("/secretRef/name").asText())
                        .as(at + "no database Secret by envFrom")
                        .doesNotStartWith("tsa-database"));
    }

    /**
     * One ExternalSecret per database role, each filling a Secret of its own name with that role's two properties of
     * the seed's DATABASE_SECRET_ARN, and no other; no Secret for all roles at once.
     */
    static void checkDatabaseSecrets(SoftAssertions soft, String overlay, List<JsonNode> objects, String arn) {
        Map<String, String> prefixes = new LinkedHashMap<>();
        prefixes.put("tsa-database-migration", "migration");
        PORTS.keySet().forEach(service -> prefixes.put("tsa-database-" + service, service.replace('-', '_')));
        List<String> found = new ArrayList<>();
        for (JsonNode o : objects) {
            if (o.path("kind").asText().equals("ExternalSecret")) {
                found.add(o.at("/metadata/name").asText());
            }
        }
        soft.assertThat(found)
                .as(overlay + ": one ExternalSecret per database role")
                .containsExactlyInAnyOrderElementsOf(prefixes.keySet());
        soft.assertThat(arn).as(overlay + ": the seed's DATABASE_SECRET_ARN").matches("arn:aws:secretsmanager:.+");
        prefixes.forEach((name, prefix) -> {
            JsonNode secret = find(objects, "ExternalSecret", name);
            if (secret == null) {
                return;
            }
            soft.assertThat(secret.at("/spec/target/name").asText())
                    .as(overlay + ": " + name + " target")
                    .isEqualTo(name);
            Map<String, String> properties = new LinkedHashMap<>();
            secret.at("/spec/data").forEach(d -> {
                properties.put(
                        d.path("secretKey").asText(),
                        d.at("/remoteRef/property").asText());
                soft.assertThat(d.at("/remoteRef/key").asText())
                        .as(overlay + ": " + name + " reads DATABASE_SECRET_ARN")
                        .isEqualTo(arn);
            });
            soft.assertThat(properties)
                    .as(overlay + ": " + name + " holds only its role's credentials")
                    .containsExactlyInAnyOrderEntriesOf(
                            Map.of("username", prefix + "_username", "password", prefix + "_password"));
            soft.assertThat(secret.at("/metadata/annotations/tsa.example~1database-secret-arn")
                            .asText())
                    .as(overlay + ": " + name + " annotation")
                    .isEqualTo(arn);
        });
    }

    static void checkUriFlag(SoftAssertions soft, String at, JsonNode container) {
        List<String> command = strings(container.path("command"));
        List<String> args = strings(container.path("args"));
        String javaOpts = env(container)
                .getOrDefault("JAVA_OPTS_APPEND", MissingNode.getInstance())
                .path("value")
                .asText();
        soft.assertThat(command).as(at + "command").isNotEmpty();
        if (!command.isEmpty() && command.get(0).endsWith("run-java.sh")) {
            soft.assertThat(javaOpts)
                    .as(at + "JVM: JAVA_OPTS_APPEND carries the URI flag")
                    .contains(URI_FLAG);
        } else {
            soft.assertThat(Stream.concat(command.stream(), args.stream()).toList())
                    .as(at + "native: the URI flag on the command line")
                    .contains(URI_FLAG);
        }
    }

    static void checkServiceResource(
            SoftAssertions soft,
            String at,
            String service,
            String resource,
            Set<String> own,
            Map<String, String> config,
            String kmsKey,
            Set<String> granted) {
        soft.assertThat(resource).as(at + "resource").isNotEqualTo("*");
        Matcher dynamo = Pattern.compile("arn:aws:dynamodb:[a-z0-9-]+:\\d{12}:table/([^/*]+)(/index/\\*)?")
                .matcher(resource);
        if (dynamo.matches()) {
            soft.assertThat(dynamo.group(1))
                    .as(at + "table is the service's own")
                    .isIn(own);
            granted.add(dynamo.group(1));
            return;
        }
        if (resource.startsWith("arn:aws:s3:::")) {
            soft.assertThat(service).as(at + "S3 is parent-service's only").isEqualTo("parent-service");
            String prefix = config.getOrDefault("DOCUMENTS_PREFIX", "");
            soft.assertThat(prefix).as(at + "documents prefix").isNotBlank().endsWith("/");
            soft.assertThat(resource)
                    .as(at + "documents prefix only")
                    .isEqualTo("arn:aws:s3:::" + config.get("DOCUMENTS_BUCKET") + "/" + prefix + "*");
            return;
        }
        if (resource.startsWith("arn:aws:kms:")) {
            soft.assertThat(resource)
                    .as(at + "only the table key")
                    .isEqualTo(kmsKey)
                    .doesNotContain("*");
            return;
        }
        soft.fail(at + "unexpected or wildcard resource " + resource);
    }

    // --- rendering and navigation ---

    static List<JsonNode> render(String overlay) throws Exception {
        String kubectl = System.getProperty("tsa.kubectl", "kubectl");
        Path stderr = Files.createTempFile("kustomize-" + overlay, ".err");
        Process process;
        try {
            process = new ProcessBuilder(kubectl, "kustomize", "k8s/overlays/" + overlay)
                    .directory(root.toFile())
                    .redirectError(stderr.toFile())
                    .start();
        } catch (IOException e) {
            return fail("kubectl is needed to render k8s/overlays/" + overlay
                    + " (CI installs Debian's kubernetes-client;" + " or pass -Dtsa.kubectl=PATH): " + e.getMessage());
        }
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return fail("kubectl kustomize k8s/overlays/" + overlay + " did not finish");
        }
        if (process.exitValue() != 0) {
            return fail("kubectl kustomize k8s/overlays/" + overlay + " failed: " + Files.readString(stderr));
        }
        Files.deleteIfExists(stderr);
        List<JsonNode> objects = new ArrayList<>();
        try (var documents = new YAMLMapper()
                .readerFor(JsonNode.class)
                .<JsonNode>readValues(new String(out, StandardCharsets.UTF_8))) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document != null && document.has("kind")) {
                    objects.add(document);
                }
            }
        }
        assertThat(objects).as("objects rendered from " + overlay).isNotEmpty();
        return objects;
    }

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("k8s/overlays"))) {
            dir = dir.getParent();
        }
        return dir == null ? fail("no k8s/overlays above " + Path.of("").toAbsolutePath()) : dir;
    }

    interface OverlayCheck {
        void check(String overlay, List<JsonNode> objects);
    }

    static void forEachOverlay(OverlayCheck check) {
        RENDERED.forEach(check::check);
    }

    /** The object of this kind and name, or null. */
    static JsonNode find(List<JsonNode> objects, String kind, String name) {
        return objects.stream()
                .filter(o -> o.path("kind").asText().equals(kind)
                        && o.at("/metadata/name").asText().equals(name))
                .findFirst()
                .orElse(null);
    }

    static Map<String, String> data(JsonNode configMap) {
        Map<String, String> data = new LinkedHashMap<>();
        if (configMap != null) {
            configMap
                    .path("data")
                    .properties()
                    .forEach(e -> data.put(e.getKey(), e.getValue().asText()));
        }
        return data;
    }

    static Map<String, JsonNode> env(JsonNode container) {
        Map<String, JsonNode> env = new LinkedHashMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e));
        return env;
    }

    static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isTextual()) {
            values.add(node.asText());
        } else {
            node.forEach(n -> values.add(n.asText()));
        }
        return values;
    }

    static JsonNode volume(JsonNode pod, String name) {
        for (JsonNode volume : pod.path("volumes")) {
            if (volume.path("name").asText().equals(name)) {
                return volume;
            }
        }
        return MissingNode.getInstance();
    }

    static String mountPath(JsonNode container, String volume) {
        for (JsonNode mount : container.path("volumeMounts")) {
            if (mount.path("name").asText().equals(volume)) {
                return mount.path("mountPath").asText();
            }
        }
        return null;
    }

    /** Secret names a pod mounts, directly or through a projected volume. */
    static Set<String> secretsMounted(JsonNode pod) {
        Set<String> secrets = new HashSet<>();
        pod.path("volumes").forEach(v -> {
            if (v.has("secret")) {
                secrets.add(v.at("/secret/secretName").asText());
            }
            v.at("/projected/sources").forEach(s -> {
                if (s.has("secret")) {
                    secrets.add(s.at("/secret/name").asText());
                }
            });
        });
        return secrets;
    }

    /** The backend a Prefix-routed ingress picks for a path: the longest prefix matching whole path elements. */
    static JsonNode route(Map<String, JsonNode> routes, String path) {
        String best = null;
        for (String prefix : routes.keySet()) {
            String trimmed =
                    prefix.endsWith("/") && prefix.length() > 1 ? prefix.substring(0, prefix.length() - 1) : prefix;
            boolean matches = trimmed.equals("/") || path.equals(trimmed) || path.startsWith(trimmed + "/");
            if (matches && (best == null || trimmed.length() > best.length())) {
                best = prefix;
            }
        }
        return best == null ? null : routes.get(best);
    }

    /** dev keeps the seed's names; another stage is {logical-name}-{stage} (profilesdev -> profiles-prod). */
    static String tableName(String overlay, String devName) {
        if (overlay.equals("dev")) {
            return devName;
        }
        String logical = devName.endsWith("-dev")
                ? devName.substring(0, devName.length() - 4)
                : devName.substring(0, devName.length() - 3);
        return logical + "-" + overlay;
    }
}
