package tsa.admin.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tsa.admin.user.config.AdminAllowListConfig;

/**
 * The allow-list's defaults, read from the service's own {@code application.properties} as Quarkus reads it in each
 * profile: production has none, so a deployment without {@code TSA_ADMIN_EMAILS} does not start (rather than create
 * {@code admin@tsa.example}); dev and tests keep the example administrator. A plain unit test: starting the service
 * in the prod profile only to watch it fail would cost a packaged build.
 */
class AdminAllowListDefaultsTest {

    @Test
    void productionRefusesToStartWithoutAnExplicitAllowList() {
        assertThatThrownBy(() -> allowList("prod", Map.of())).hasStackTraceContaining("tsa.admin.allow-list");
        assertThatThrownBy(() -> allowList("prod", Map.of("TSA_ADMIN_EMAILS", "")))
                .as("set to nothing is no list either")
                .hasStackTraceContaining("tsa.admin.allow-list");
    }

    @Test
    void productionTakesTheListItIsGiven() throws IOException {
        assertThat(allowList("prod", Map.of("TSA_ADMIN_EMAILS", "ops@tsa.example,lead@tsa.example")))
                .isEqualTo(List.of("ops@tsa.example", "lead@tsa.example"));
    }

    @Test
    void devAndTestsDefaultToTheExampleAdministrator() throws IOException {
        assertThat(allowList("test", Map.of())).isEqualTo(List.of("admin@tsa.example"));
        assertThat(allowList("dev", Map.of())).isEqualTo(List.of("admin@tsa.example"));
        assertThat(allowList("test", Map.of("TSA_ADMIN_EMAILS", "ops@tsa.example")))
                .isEqualTo(List.of("ops@tsa.example"));
    }

    /** The mapped allow-list; the environment is a source of its own, as the process environment is. */
    private static List<String> allowList(String profile, Map<String, String> environment) throws IOException {
        URL properties = AdminAllowListDefaultsTest.class.getClassLoader().getResource("application.properties");
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withProfile(profile)
                .withSources(new PropertiesConfigSource(properties, 250))
                .withSources(new PropertiesConfigSource(environment, "environment", 300))
                .withMapping(AdminAllowListConfig.class)
                .build();
        return config.getConfigMapping(AdminAllowListConfig.class).allowList();
    }
}
