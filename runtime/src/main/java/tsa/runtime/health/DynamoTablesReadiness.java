package tsa.runtime.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import tsa.runtime.dynamo.OwnedTables;
import tsa.runtime.dynamo.TableComparison;
import tsa.runtime.dynamo.TableSpec;

/**
 * Ready only while DynamoDB answers and every table the service owns is ACTIVE and matches its {@link TableSpec}
 * (read-only: one DescribeTable per table, so it holds where a separate Job provisions). Each table's entry in the
 * check's data is {@code ACTIVE}, or what is wrong with it, by table and index: a missing index, another key schema or
 * key type, an index not yet ACTIVE. A change in what is wrong is logged once.
 */
@Readiness
@ApplicationScoped
public class DynamoTablesReadiness implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(DynamoTablesReadiness.class);

    @Inject
    DynamoDbClient dynamo;

    @Inject
    Instance<OwnedTables> ownedTables;

    private Iterable<OwnedTables> tables;
    private final AtomicReference<List<String>> lastFindings = new AtomicReference<>(List.of());

    public DynamoTablesReadiness() {}

    /** Outside CDI (tests): these tables, through this client. */
    public DynamoTablesReadiness(DynamoDbClient dynamo, Iterable<OwnedTables> tables) {
        this.dynamo = dynamo;
        this.tables = tables;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response =
                HealthCheckResponse.named("DynamoDB tables").up();
        List<String> findings = new ArrayList<>();
        try {
            for (OwnedTables owned : tables != null ? tables : ownedTables) {
                for (TableSpec spec : owned.tables()) {
                    TableDescription table;
                    try {
                        table = dynamo.describeTable(r -> r.tableName(spec.name()))
                                .table();
                    } catch (ResourceNotFoundException e) {
                        String missing = "table " + spec.name() + " is missing";
                        response.down().withData(spec.name(), missing);
                        findings.add(missing);
                        continue;
                    }
                    TableComparison comparison = TableComparison.of(spec, table);
                    if (comparison.converged()) {
                        response.withData(spec.name(), table.tableStatusAsString());
                    } else {
                        response.down().withData(spec.name(), String.join("; ", comparison.findings()));
                        findings.addAll(comparison.findings());
                    }
                }
            }
        } catch (RuntimeException e) {
            response.down().withData("error", e.getClass().getSimpleName());
            return response.build();
        }
        List<String> before = lastFindings.getAndSet(List.copyOf(findings));
        if (!before.equals(findings)) {
            if (findings.isEmpty()) {
                LOG.info("the DynamoDB tables match their specs");
            } else {
                LOG.errorf("the DynamoDB tables differ from their specs: %s", String.join("; ", findings));
            }
        }
        return response.build();
    }
}
