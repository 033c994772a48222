package tsa.runtime.mail;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Sends the platform's mails over SMTP after the write they belong to. A mail that can't be sent never undoes that
 * write: the outcome is returned (or handed to a callback) so the record can keep {@code mail_status}, the failure is
 * logged and counted in {@code tsa.mail.sent{outcome}}.
 * <p>
 * Subjects and recipients often carry text a user typed (a student's or coach's name, an address). The SMTP client
 * writes header values as given, so a line break in one would add headers or end the header block: every header
 * value is made one line of printable text here, and a recipient must be exactly one plain address. Logs name the
 * mail's kind and a masked address only: never the subject (it holds names) or the body (it holds a link).
 */
@ApplicationScoped
public class MailSender {

    private static final Logger LOG = Logger.getLogger(MailSender.class);

    /** The kind logged for callers that name none. */
    public static final String UNNAMED_KIND = "mail";

    /** Longest subject sent; the rest is cut, so a subject never needs folding over several header lines. */
    static final int MAX_SUBJECT_LENGTH = 200;

    /**
     * One plain address: a local part and a domain of characters that need no quoting, no display name, no list
     * (no comma, semicolon, angle brackets, quotes, spaces or control characters).
     */
    private static final Pattern ADDRESS =
            Pattern.compile("^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$");

    /** Control characters (C0, DEL, C1), line and paragraph separators, and the BOM/zero-width format characters. */
    private static final Pattern UNPRINTABLE = Pattern.compile("[\\p{Cc}\\p{Zl}\\p{Zp}\\u200B-\\u200F\\u2060\\uFEFF]");

    public enum Outcome {
        SENT("sent"),
        FAILED("failed");

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

    /** The mailer's SMTP connections: never more mails are sent at once (Quarkus' default is 10). */
    @ConfigProperty(name = "quarkus.mailer.max-pool-size", defaultValue = "10")
    int connections;

    /**
     * The mails waiting to be sent, sent on threads of their own, at most {@link #connections} at a time. Not on
     * Quarkus' worker pool: that pool also runs the requests, and a slow or stalled SMTP server held one of its
     * threads per mail for up to {@code attempts x attempt-timeout}, so a burst of mails left the requests queued
     * behind them (seconds of latency, throughput falling as load rose). Never more sends than connections, so an
     * attempt's timeout is spent on SMTP, not waiting in the mailer's pool for a connection (in the benchmark, once
     * attempts and their retries piled up there, every mail timed out).
     */
    private ThreadPoolExecutor background;

    @PostConstruct
    void start() {
        AtomicInteger threads = new AtomicInteger();
        int size = Math.max(1, connections);
        background = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, "mail-sender-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        background.allowCoreThreadTimeOut(true);
        // The queue has no bound (a mail refused here would be an invitation whose mail is never tried): its length
        // is watched instead, e.g. an SMTP server that stalls shows as a queue that only grows.
        registry.gauge("tsa.mail.queued", background, pool -> pool.getQueue().size());
    }

    /** Mails already queued are still tried while the application stops, which waits for them 10 s at most. */
    @PreDestroy
    void stop() {
        background.shutdown();
        try {
            background.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@link #send(String, String, String, String)} for a caller that names no kind. */
    public Outcome send(String to, String subject, String text) {
        return send(UNNAMED_KIND, to, subject, text);
    }

    /**
     * Sends now and says whether the SMTP server took the mail. {@code kind} names the mail in logs (a template name
     * such as {@code parent-invitation}, never user text). Each attempt is bounded (an SMTP session that stalls is
     * abandoned) and the mail is tried a few times on fresh connections before it counts as failed. A recipient that
     * is not exactly one plain address is refused without contacting the server.
     */
    public Outcome send(String kind, String to, String subject, String text) {
        String name = safeKind(kind);
        if (!isPlainAddress(to)) {
            registry.counter("tsa.mail.sent", "outcome", "failed").increment();
            LOG.warnf("mail %s not sent: the recipient %s is not one plain address", name, mask(to));
            return Outcome.FAILED;
        }
        Mail mail = Mail.withText(to, headerValue(subject, MAX_SUBJECT_LENGTH), text);
        Throwable last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                mailer.send(mail).await().atMost(attemptTimeout);
                registry.counter("tsa.mail.sent", "outcome", "sent").increment();
                return Outcome.SENT;
            } catch (RuntimeException e) {
                last = e;
                LOG.debugf(
                        "attempt %d of mail %s to %s failed: %s",
                        attempt, name, mask(to), e.getClass().getSimpleName());
            }
        }
        registry.counter("tsa.mail.sent", "outcome", "failed").increment();
        Throwable cause = last;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        // Only the exception's class: its message may quote the SMTP dialogue, which holds the address.
        LOG.warnf(
                "mail %s to %s could not be sent after %d attempts: %s",
                name, mask(to), attempts, cause.getClass().getSimpleName());
        return Outcome.FAILED;
    }

    /** {@link #sendLater(String, String, String, String, Consumer)} for a caller that names no kind. */
    public void sendLater(String to, String subject, String text, Consumer<Outcome> whenDone) {
        sendLater(UNNAMED_KIND, to, subject, text, whenDone);
    }

    /**
     * Sends on the mail threads, so the request does not wait on SMTP; {@code whenDone} gets the outcome (it runs
     * after the request, on a thread without the request's context, so it must not need the request's beans).
     */
    public void sendLater(String kind, String to, String subject, String text, Consumer<Outcome> whenDone) {
        String name = safeKind(kind);
        background.execute(() -> {
            Outcome outcome = send(name, to, subject, text);
            try {
                whenDone.accept(outcome);
            } catch (RuntimeException e) {
                LOG.warnf(
                        "recording the outcome of mail %s failed: %s",
                        name, e.getClass().getSimpleName());
            }
        });
    }

    /**
     * A header value as one line of printable text: every control character, line or paragraph separator becomes a
     * space, runs of spaces become one, and the value is cut at {@code maxLength}.
     */
    public static String headerValue(String value, int maxLength) {
        if (value == null) {
            return "";
        }
        String line = UNPRINTABLE
                .matcher(value)
                .replaceAll(" ")
                .replaceAll("\\s+", " ")
                .trim();
        if (line.length() > maxLength) {
            int end = maxLength;
            if (Character.isHighSurrogate(line.charAt(end - 1))) {
                end--;
            }
            line = line.substring(0, end).trim();
        }
        return line;
    }

    /** Whether {@code address} is exactly one address without display name, list, space or control character. */
    public static boolean isPlainAddress(String address) {
        return address != null
                && address.length() <= 254
                && ADDRESS.matcher(address).matches()
                && !address.contains("..");
    }

    /** An address as logs show it: the first character of the local part, then {@code ***@domain}. */
    public static String mask(String address) {
        if (address == null || address.isEmpty()) {
            return "(none)";
        }
        int at = address.lastIndexOf('@');
        String domain = at < 0 ? "" : address.substring(at + 1);
        String first = at <= 0 ? "" : address.substring(0, 1);
        String masked = first + "***" + (at < 0 ? "" : "@" + domain);
        // An address that failed validation may hold anything: keep what is logged on one printable line.
        return headerValue(masked, 80).toLowerCase(Locale.ROOT);
    }

    private static String safeKind(String kind) {
        return kind == null || !kind.matches("[a-z0-9-]{1,40}") ? UNNAMED_KIND : kind;
    }
}
