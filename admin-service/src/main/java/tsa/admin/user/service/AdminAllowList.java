package tsa.admin.user.service;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;
import tsa.admin.user.config.AdminAllowListConfig;
import tsa.runtime.mail.MailSender;

/**
 * Start-up's reference data (architecture.md, "Running it"): an enabled administrator row for each address of the
 * allow-list ({@code TSA_ADMIN_EMAILS}) that has none. It never revives a revoked row and never duplicates one, also
 * when several replicas start at once. Configuration, not an admin's action: nothing is audited.
 */
@ApplicationScoped
public class AdminAllowList {

    private static final Logger LOG = Logger.getLogger(AdminAllowList.class);

    private final AdminAllowListConfig config;
    private final UserRows rows;

    @Inject
    public AdminAllowList(AdminAllowListConfig config, UserRows rows) {
        this.config = config;
        this.rows = rows;
    }

    void onStart(@Observes StartupEvent event) {
        grantConfigured();
    }

    /** Applies the configured allow-list; returns the addresses that got a new administrator row. */
    public List<String> grantConfigured() {
        return grant(config.allowList());
    }

    /** Gives each well-formed address an administrator row if it has none, each in its own transaction. */
    public List<String> grant(Collection<String> addresses) {
        Set<String> wanted = new LinkedHashSet<>();
        for (String address : addresses) {
            String email = UserDirectory.normalise(address);
            if (email.isEmpty()) {
                continue;
            }
            if (!looksLikeAnAddress(email)) {
                LOG.warnf("TSA_ADMIN_EMAILS: skipping %s, which is not an email address", MailSender.mask(email));
                continue;
            }
            wanted.add(email);
        }
        List<String> created = new ArrayList<>();
        for (String email : wanted) {
            if (rows.createAdministratorIfAbsent(UUID.randomUUID().toString(), email)) {
                LOG.infof("allow-list: added administrator %s", MailSender.mask(email));
                created.add(email);
            }
        }
        return created;
    }

    private static boolean looksLikeAnAddress(String email) {
        int at = email.indexOf('@');
        return email.length() <= 254
                && at > 0
                && at == email.lastIndexOf('@')
                && at < email.length() - 1
                && email.chars().noneMatch(Character::isWhitespace);
    }
}
