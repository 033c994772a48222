package tsa.runtime.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import tsa.runtime.dynamo.OwnedTables;
import tsa.runtime.dynamo.TableSpec;

/** Ready only while DynamoDB answers and every table the service owns is ACTIVE. */
@Readiness
@ApplicationScoped
public class DynamoTablesReadiness implements HealthCheck {

    @Inject
    DynamoDbClient dynamo;

    @Inject
    Instance<OwnedTables> ownedTables;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response =
                HealthCheckResponse.named("DynamoDB tables").up();
        try {
            for (OwnedTables owned : ownedTables) {
                for (TableSpec spec : owned.tables()) {
                    TableStatus status = dynamo.describeTable(r -> r.tableName(spec.name()))
                            .table()
                            .tableStatus();
                    response.withData(spec.name(), status.toString());
                    if (status != TableStatus.ACTIVE) {
                        response.down();
                    }
                }
            }
        } catch (RuntimeException e) {
            response.down().withData("error", e.getClass().getSimpleName());
        }
        return response.build();
    }
}
