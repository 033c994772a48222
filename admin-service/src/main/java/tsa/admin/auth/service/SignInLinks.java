package tsa.admin.auth.service;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;
import tsa.admin.auth.config.SignInSettings;
import tsa.admin.auth.store.SignInLink;
import tsa.admin.auth.store.SignInStore;
import tsa.runtime.mail.MailSender;
import tsa.runtime.mail.PortalLinks;
import tsa.runtime.security.Caller;
import tsa.runtime.security.LinkToken;
import tsa.runtime.text.EmailAddress;
import tsa.runtime.time.Timestamps;

/**
 * {@code POST /api/auth/magic-links}: mails a single-use sign-in link when that portal's person exists, within
 * sliding-window limits per client address, per address and client, and per address. A new link retires the older
 * unused links of the same address and portal. The caller learns nothing either way: the answer is always the same,
 * the metrics do not split by account, and the mail goes out on a background thread so SMTP's speed or absence shows
 * neither.
 */
@ApplicationScoped
public class SignInLinks {

    private static final Logger LOG = Logger.getLogger(SignInLinks.class);

    private final SignInStore store;
    private final SignInDirectory directory;
    private final SignInSettings settings;
    private final MailSender mail;
    private final PortalLinks portals;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Caller caller;

    @Inject
    public SignInLinks(
            SignInStore store,
            SignInDirectory directory,
            SignInSettings settings,
            MailSender mail,
            PortalLinks portals,
            Clock clock,
            MeterRegistry registry,
            Caller caller) {
        this.store = store;
        this.directory = directory;
        this.settings = settings;
        this.mail = mail;
        this.portals = portals;
        this.clock = clock;
        this.registry = registry;
        this.caller = caller;
    }

    public void request(String email, Portal portal) {
        String address = EmailAddress.normal(email);
        Instant now = clock.instant();
        if (!withinLimits(address, clientAddress(), now)) {
            registry.counter("tsa.sign_in.links", "outcome", "rate_limited").increment();
            LOG.infof("sign-in link for the %s portal refused: rate limit", portal.value());
            return;
        }
        // One outcome whether or not a link is issued: a split by account existence would let anyone who reads
        // /q/metrics test addresses. The limits above are counted before the directory is asked, for the same reason.
        registry.counter("tsa.sign_in.links", "outcome", "accepted").increment();
        if (directory.identityFor(address, portal).isEmpty()) {
            return;
        }
        String linkId = UUID.randomUUID().toString();
        LinkToken token = LinkToken.issue(LinkToken.Kind.SIGN_IN, linkId);
        long expires = now.plus(settings.linkLifetime()).getEpochSecond();
        store.insert(SignInLink.builder()
                .linkId(linkId)
                .kind(SignInLink.KIND_LINK)
                .email(address)
                .portal(portal.value())
                .tokenHash(token.secretHash())
                .createdAt(Timestamps.format(now))
                .expirationTime(expires)
                .build());
        store.markNewest(address, portal.value(), linkId, expires);
        String text = "Sign in to the TSA " + portal.value() + " portal: "
                + portals.signInLink(portal.value(), token.value()) + "\n\n"
                + "The link works once, for " + settings.linkLifetime().toMinutes() + " minutes. "
                + "If you did not ask for it, ignore this mail.\n";
        mail.sendLater(
                address, "Your TSA sign-in link", text, outcome -> store.recordMailStatus(linkId, outcome.status()));
    }

    /**
     * The three sliding-window limits, client first: a client that is over its limit spends no address's budget, and
     * the per-address budget is spent per client, so a stranger asking for someone's links uses up only their own
     * share (the owner, from another address, still gets links) while the address's overall limit bounds the mail
     * it can be sent.
     */
    private boolean withinLimits(String address, String client, Instant now) {
        Duration window = settings.rateWindow();
        return store.admit(
                        "rate#client#" + LinkToken.sha256Hex(client),
                        now,
                        window,
                        settings.requestsPerClientPerWindow())
                && store.admit(
                        "rate#email-client#" + LinkToken.sha256Hex(address + " " + client),
                        now,
                        window,
                        settings.linksPerWindow())
                && store.admit(
                        "rate#email#" + LinkToken.sha256Hex(address), now, window, settings.linksPerAddressPerWindow());
    }

    private String clientAddress() {
        String ip = caller.ipAddress();
        return ip == null || ip.isBlank() ? "unknown" : ip;
    }
}
