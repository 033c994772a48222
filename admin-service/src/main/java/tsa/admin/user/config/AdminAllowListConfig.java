package tsa.admin.user.config;

import io.smallrye.config.ConfigMapping;
import java.util.List;

/** The admin allow-list (architecture.md, "Identity and access"): addresses that start-up makes administrators. */
@ConfigMapping(prefix = "tsa.admin")
public interface AdminAllowListConfig {

    /**
     * {@code TSA_ADMIN_EMAILS}, comma-separated. Required: dev and tests default to {@code admin@tsa.example}; in
     * production there is no default, so a deployment without the variable (or with it set to nothing) does not
     * start, rather than run with an administrator nobody chose.
     */
    List<String> allowList();
}
