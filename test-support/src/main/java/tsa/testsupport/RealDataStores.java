package tsa.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Points a {@code @QuarkusTest} application at the JVM's shared real stores. Declared once per test module with
 * {@code @QuarkusTestResource(RealDataStores.class)}; the stores outlive application restarts and stop with the JVM.
 */
public class RealDataStores implements QuarkusTestResourceLifecycleManager {

    /** The services that keep files in S3; only their test JVMs start the S3-compatible server. */
    static final java.util.Set<String> DOCUMENT_STORE_USERS = java.util.Set.of("parent-service");

    @Override
    public Map<String, String> start() {
        String service = serviceUnderTest();
        Map<String, String> config =
                new java.util.LinkedHashMap<>(DataStores.shared().serviceConfig(service));
        if (DOCUMENT_STORE_USERS.contains(service)) {
            config.putAll(DataStores.shared().documentStoreConfig());
        }
        config.putAll(SigningKeys.shared().verifierAndServiceConfig(service));
        config.putAll(SigningKeys.shared().sessionSignerConfig());
        return config;
    }

    /**
     * The service whose tests run in this JVM ({@code quarkus.application.name} of its compiled application.properties;
     * tests run in the module's folder), so that it signs its calls with its own key.
     */
    static String serviceUnderTest() {
        Path properties = Path.of("target", "classes", "application.properties");
        try (InputStream in = Files.newInputStream(properties)) {
            Properties loaded = new Properties();
            loaded.load(in);
            String name = loaded.getProperty("quarkus.application.name");
            if (name == null || !SigningKeys.SERVICES.contains(name)) {
                throw new IllegalStateException("quarkus.application.name in " + properties.toAbsolutePath()
                        + " is not one of " + SigningKeys.SERVICES + ": " + name);
            }
            return name;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + properties.toAbsolutePath(), e);
        }
    }

    @Override
    public void stop() {
        // The stores are shared by every application started in this JVM; a shutdown hook stops them.
    }
}
