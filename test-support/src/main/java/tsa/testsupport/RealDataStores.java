package tsa.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} application at the JVM's shared real stores. Declared once per test module with
 * {@code @QuarkusTestResource(RealDataStores.class)}; the stores outlive application restarts and stop with the JVM.
 */
public class RealDataStores implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new java.util.LinkedHashMap<>(DataStores.shared().serviceConfig());
        config.putAll(SigningKeys.shared().verifierAndServiceConfig());
        config.putAll(SigningKeys.shared().sessionSignerConfig());
        return config;
    }

    @Override
    public void stop() {
        // The stores are shared by every application started in this JVM; a shutdown hook stops them.
    }
}
