package tsa.runtime.mail;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Sends the platform's mails over SMTP after the write they belong to. A mail that can't be sent never undoes that
 * write: the outcome is returned (or handed to a callback) so the record can keep {@code mail_status}, the failure is
 * logged (without the mail's body, which holds a link) and counted in {@code tsa.mail.sent{outcome}}.
 */
@ApplicationScoped
public class MailSender {

    private static final Logger LOG = Logger.getLogger(MailSender.class);

    public enum Outcome {
        SENT("sent"), FAILED("failed");

        private final String status;

        Outcome(String status) {
            this.status = status;
        }

        /** The value of a record's {@code mail_status}. */
        public String status() {
            return status;
        }
    }

    @Inject
    ReactiveMailer mailer;

    @ConfigProperty(name = "tsa.mail.attempts", defaultValue = "3")
    int attempts;

    @ConfigProperty(name = "tsa.mail.attempt-timeout", defaultValue = "PT5S")
    Duration attemptTimeout;

    @Inject
    MeterRegistry registry;

    private final ExecutorService background = Executors.newFixedThreadPool(2, r -> {
        Thread thread = new Thread(r, "mail-sender");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * Sends now and says whether the SMTP server took the mail. Each attempt is bounded (an SMTP session that stalls
     * is abandoned) and the mail is tried a few times on fresh connections before it counts as failed.
     */
    public Outcome send(String to, String subject, String text) {
        Throwable last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                mailer.send(Mail.withText(to, subject, text)).await().atMost(attemptTimeout);
                registry.counter("tsa.mail.sent", "outcome", "sent").increment();
                return Outcome.SENT;
            } catch (RuntimeException e) {
                last = e;
                LOG.debugf("attempt %d of mail '%s' to %s failed: %s", attempt, subject, to, e.getClass().getSimpleName());
            }
        }
        registry.counter("tsa.mail.sent", "outcome", "failed").increment();
        Throwable cause = last;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        LOG.warnf("mail '%s' to %s could not be sent after %d attempts: %s: %s", subject, to, attempts,
                cause.getClass().getSimpleName(), cause.getMessage());
        return Outcome.FAILED;
    }

    /** Sends on a background thread, so the request does not wait on SMTP; {@code whenDone} gets the outcome. */
    public void sendLater(String to, String subject, String text, Consumer<Outcome> whenDone) {
        background.execute(() -> {
            Outcome outcome = send(to, subject, text);
            try {
                whenDone.accept(outcome);
            } catch (RuntimeException e) {
                LOG.warnf("recording the outcome of mail '%s' failed: %s", subject, e.getClass().getSimpleName());
            }
        });
    }

    @PreDestroy
    void stop() {
        background.shutdown();
    }
}
