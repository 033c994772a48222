package tsa.runtime.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tsa.testsupport.MovableClock;

/** The per-caller window counting behind {@link RateLimited}, with a clock moved by hand. */
class RateLimiterTest {

    private static final MovableClock CLOCK = MovableClock.INSTANCE;

    private final RateLimiter limiter =
            new RateLimiter(settings(Map.of("lists", limit(3, Duration.ofMinutes(1)))), CLOCK);

    @AfterEach
    void realTime() {
        CLOCK.reset();
    }

    @Test
    void theCallAfterTheLimitIsRefusedWithTheSecondsLeftInTheWindowAndAnotherCallerIsUnaffected() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("lists", "ana@example.com");
        }
        CLOCK.advance(Duration.ofSeconds(20));
        assertThatThrownBy(() -> limiter.acquire("lists", "ana@example.com"))
                .isInstanceOfSatisfying(RateLimitExceeded.class, e -> {
                    assertThat(e.limit()).isEqualTo("lists");
                    assertThat(e.retryAfterSeconds()).isEqualTo(40);
                });
        // a refused call is not counted twice, and another caller has a window of its own
        for (int i = 0; i < 3; i++) {
            limiter.acquire("lists", "bo@example.com");
        }
        assertThatThrownBy(() -> limiter.acquire("lists", "bo@example.com")).isInstanceOf(RateLimitExceeded.class);
    }

    @Test
    void theWindowsEndFreesTheCaller() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("lists", "cy@example.com");
        }
        CLOCK.advance(Duration.ofSeconds(59));
        assertThatThrownBy(() -> limiter.acquire("lists", "cy@example.com"))
                .isInstanceOfSatisfying(
                        RateLimitExceeded.class,
                        e -> assertThat(e.retryAfterSeconds()).isEqualTo(1));
        CLOCK.advance(Duration.ofSeconds(1));
        for (int i = 0; i < 3; i++) {
            limiter.acquire("lists", "cy@example.com");
        }
        assertThatThrownBy(() -> limiter.acquire("lists", "cy@example.com")).isInstanceOf(RateLimitExceeded.class);
    }

    @Test
    void anUnknownLimitIsAProgrammingErrorNotAFreePass() {
        assertThatThrownBy(() -> limiter.acquire("nope", "dee@example.com"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tsa.rate-limits.nope");
    }

    @Test
    void endedWindowsAreDroppedOnceManyCallersAreTracked() {
        for (int i = 0; i <= RateLimiter.PRUNE_ABOVE; i++) {
            limiter.acquire("lists", "caller-" + i);
        }
        CLOCK.advance(Duration.ofMinutes(1));
        limiter.acquire("lists", "late");
        assertThat(limiter.tracked()).isEqualTo(1);
    }

    static RateLimitSettings settings(Map<String, RateLimitSettings.Limit> limits) {
        return () -> limits;
    }

    static RateLimitSettings.Limit limit(int requests, Duration window) {
        return new RateLimitSettings.Limit() {
            @Override
            public int requests() {
                return requests;
            }

            @Override
            public Duration window() {
                return window;
            }
        };
    }
}
