package tsa.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits, bounded, for what a service does on another thread (a mail sent in the background, its outcome recorded).
 * Only for that: rules that depend on time are tested with {@link MovableClock}, never by waiting.
 */
public final class Eventually {

    /** How long a test waits for background work before it fails. */
    public static final Duration PATIENCE = Duration.ofSeconds(30);

    private static final Duration POLL = Duration.ofMillis(50);

    private Eventually() {}

    /** The first value of {@code read} that {@code done} accepts; the last value read if none did in time. */
    public static <T> T value(Supplier<T> read, Predicate<T> done) {
        Instant deadline = Instant.now().plus(PATIENCE);
        T value = read.get();
        while (!done.test(value) && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return value;
            }
            value = read.get();
        }
        return value;
    }

    /** The first value of {@code read} that is not null; null if none came in time. */
    public static <T> T nonNull(Supplier<T> read) {
        return value(read, Objects::nonNull);
    }
}
