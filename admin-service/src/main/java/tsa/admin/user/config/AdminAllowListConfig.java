package tsa.admin.user.config;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

/** The admin allow-list (architecture.md, "Identity and access"): addresses that start-up makes administrators. */
@ConfigMapping(prefix = "tsa.admin")
public interface AdminAllowListConfig {

    /**
     * {@code TSA_ADMIN_EMAILS}, comma-separated, default {@code admin@tsa.example}; empty when the variable is set
     * to nothing.
     */
    Optional<List<String>> allowList();
}
