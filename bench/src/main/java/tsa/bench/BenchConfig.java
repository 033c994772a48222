package tsa.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Scale and durations, from system properties ({@code -Dtsa.bench.<name>=...}); {@code tsa.bench.quick=true}
 * ({@code bench/run.sh --quick}) picks the small defaults, otherwise the defaults are the full figures.
 */
record BenchConfig(
        boolean quick,
        List<Integer> levels,
        Duration jitWarmUp,
        Duration warmUp,
        Duration measured,
        int users,
        int students,
        int largePage,
        int pageWarmUps,
        int pageRuns,
        int profiles,
        Duration lagDuration,
        int lagUpdatesPerSecond,
        int startupRuns,
        List<String> parts) {

    /** Whether this run measures that part ({@code tsa.bench.parts}: portal, sync, roster, startup; all by default). */
    boolean runs(String part) {
        return parts.contains(part);
    }

    static BenchConfig fromSystemProperties() {
        boolean quick = Boolean.getBoolean("tsa.bench.quick");
        return new BenchConfig(
                quick,
                Arrays.stream(System.getProperty("tsa.bench.levels", "1,8,32").split(","))
                        .map(String::trim)
                        .map(Integer::parseInt)
                        .toList(),
                Duration.ofSeconds(number("jit-warmup-seconds", quick ? 60 : 120)),
                Duration.ofSeconds(number("warmup-seconds", quick ? 2 : 10)),
                Duration.ofSeconds(number("seconds-per-level", quick ? 5 : 30)),
                number("users", quick ? 10_000 : 100_000),
                number("students", quick ? 5_000 : 50_000),
                number("large-page", 10_000),
                number("page-warmups", quick ? 2 : 5),
                number("page-runs", quick ? 7 : 30),
                number("profiles", quick ? 2_000 : 10_000),
                Duration.ofSeconds(number("lag-seconds", quick ? 10 : 60)),
                number("lag-updates-per-second", 10),
                number("startup-runs", quick ? 1 : 3),
                Arrays.stream(System.getProperty("tsa.bench.parts", "portal,sync,roster,startup")
                                .split(","))
                        .map(String::trim)
                        .toList());
    }

    private static int number(String name, int fallback) {
        return Integer.parseInt(System.getProperty("tsa.bench." + name, Integer.toString(fallback)));
    }

    String describe() {
        return (quick ? "quick" : "full") + ": levels " + levels + ", JIT warm-up " + jitWarmUp.toSeconds()
                + " s per call and side, shared by the levels, then warm-up " + warmUp.toSeconds() + " s, "
                + measured.toSeconds() + " s per level; " + users + " users, " + students
                + " students, pages of 100 and "
                + largePage + " (" + pageWarmUps + " warm-up + " + pageRuns + " timed each); " + profiles
                + " profiles reconciled; " + lagDuration.toSeconds() + " s of profile updates at " + lagUpdatesPerSecond
                + "/s; " + startupRuns + " start-up run(s) per service and variant; parts " + parts;
    }
}
