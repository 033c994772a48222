package tsa.admin.auth.service;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;
import tsa.admin.auth.config.SignInSettings;
import tsa.admin.auth.store.SignInLink;
import tsa.admin.auth.store.SignInStore;
import tsa.runtime.mail.MailSender;
import tsa.runtime.mail.PortalLinks;
import tsa.runtime.security.LinkToken;
import tsa.runtime.time.Timestamps;

/**
 * {@code POST /api/auth/magic-links}: mails a single-use sign-in link when that portal's person exists, at most
 * {@code linksPerWindow} per address per window. The caller learns nothing either way: the answer is always the
 * same, and the mail goes out on a background thread so SMTP's speed or absence shows neither.
 */
@ApplicationScoped
public class SignInLinks {

    private static final Logger LOG = Logger.getLogger(SignInLinks.class);

    @Inject
    SignInStore store;

    @Inject
    SignInDirectory directory;

    @Inject
    SignInSettings settings;

    @Inject
    MailSender mail;

    @Inject
    PortalLinks portals;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    public void request(String email, Portal portal) {
        String address = email.trim().toLowerCase();
        Instant now = clock.instant();
        long window = settings.rateWindow().toSeconds();
        Instant windowStart = Instant.ofEpochSecond(now.getEpochSecond() / window * window);
        if (!store.countLink(address, windowStart, windowStart.plusSeconds(window), settings.linksPerWindow())) {
            registry.counter("tsa.sign_in.links", "outcome", "rate_limited").increment();
            LOG.infof("sign-in link for the %s portal refused: rate limit", portal.value());
            return;
        }
        if (directory.identityFor(address, portal).isEmpty()) {
            registry.counter("tsa.sign_in.links", "outcome", "no_account").increment();
            return;
        }
        String linkId = UUID.randomUUID().toString();
        LinkToken token = LinkToken.issue(LinkToken.Kind.SIGN_IN, linkId);
        store.insert(SignInLink.builder()
                .linkId(linkId)
                .kind(SignInLink.KIND_LINK)
                .email(address)
                .portal(portal.value())
                .tokenHash(token.secretHash())
                .createdAt(Timestamps.format(now))
                .expirationTime(now.plus(settings.linkLifetime()).getEpochSecond())
                .build());
        registry.counter("tsa.sign_in.links", "outcome", "issued").increment();
        String text = "Sign in to the TSA " + portal.value() + " portal: "
                + portals.signInLink(portal.value(), token.value()) + "\n\n"
                + "The link works once, for " + settings.linkLifetime().toMinutes() + " minutes. "
                + "If you did not ask for it, ignore this mail.\n";
        mail.sendLater(address, "Your TSA sign-in link", text,
                outcome -> store.recordMailStatus(linkId, outcome.status()));
    }
}
