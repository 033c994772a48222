package tsa.runtime.limit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts each caller's calls per named limit in fixed windows and refuses the calls beyond the limit until the
 * window ends. Per replica and in memory: with N replicas behind the ingress a caller gets at most N times the limit,
 * and a restart forgets the counts (these limits protect the stores from one caller's bursts of expensive reads;
 * they are not quotas). Sign-in's limits, which must hold across replicas, are counted in DynamoDB instead.
 */
@ApplicationScoped
public class RateLimiter {

    /** Above this many tracked windows, the ended ones are dropped (bounds the memory a caller flood can take). */
    static final int PRUNE_ABOVE = 10_000;

    private record Window(Instant start, int used) {}

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final RateLimitSettings settings;
    private final Clock clock;

    @Inject
    public RateLimiter(RateLimitSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Counts one call of {@code caller} against {@code limit}, or throws {@link RateLimitExceeded}. */
    public void acquire(String limit, String caller) {
        RateLimitSettings.Limit configured = settings.limits().get(limit);
        if (configured == null) {
            throw new IllegalStateException("no rate limit named " + limit + " (tsa.rate-limits." + limit + ".*)");
        }
        Duration length = configured.window();
        Instant now = clock.instant();
        boolean[] refused = {false};
        Window window = windows.compute(limit + "\n" + caller, (key, current) -> {
            if (current == null || !now.isBefore(current.start().plus(length))) {
                return new Window(now, 1);
            }
            if (current.used() >= configured.requests()) {
                refused[0] = true;
                return current;
            }
            return new Window(current.start(), current.used() + 1);
        });
        if (windows.size() > PRUNE_ABOVE) {
            prune(now);
        }
        if (refused[0]) {
            long millis = Duration.between(now, window.start().plus(length)).toMillis();
            throw new RateLimitExceeded(limit, Math.max(1, (millis + 999) / 1000));
        }
    }

    /** Windows held in memory (for tests). */
    int tracked() {
        return windows.size();
    }

    private void prune(Instant now) {
        windows.entrySet().removeIf(e -> {
            RateLimitSettings.Limit limit =
                    settings.limits().get(e.getKey().substring(0, e.getKey().indexOf('\n')));
            return limit == null || !now.isBefore(e.getValue().start().plus(limit.window()));
        });
    }
}
