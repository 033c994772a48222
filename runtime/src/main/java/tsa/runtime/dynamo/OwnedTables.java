package tsa.runtime.dynamo;

import java.util.List;

/**
 * Implemented by one bean in each service: the DynamoDB tables that service owns (and only those). The
 * provisioner creates them at start-up when provisioning is enabled.
 */
public interface OwnedTables {

    List<TableSpec> tables();
}
