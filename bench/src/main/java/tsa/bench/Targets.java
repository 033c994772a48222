package tsa.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The targets, each reported met or not met with the figures behind it. */
final class Targets {

    static final double PORTAL_READ_RATIO = 1.3;
    static final double LARGE_PAGE_RATIO = 2.0;
    static final double PROFILES_PER_SECOND = 1_000;
    static final double READY_MILLIS = 1_500;
    static final double RSS_MIB = 200;

    private final List<List<String>> rows = new ArrayList<>();

    void portal(List<PortalLoad.Row> results) {
        List<String> over = new ArrayList<>();
        int reads = 0;
        for (PortalLoad.Row row : results) {
            if (!row.c().read()) {
                continue;
            }
            reads++;
            double ratio = row.serviceP50() / row.raw().p50();
            if (!(ratio <= PORTAL_READ_RATIO)) {
                over.add(String.format(
                        Locale.ROOT,
                        "%s at %d: %.2fx",
                        row.c().name(),
                        row.service().concurrency(),
                        ratio));
            }
        }
        rows.add(List.of(
                "portal reads <= 1.3x the raw store call (p50, same concurrency"
                        + (results.stream().allMatch(r -> r.wrk() != null) ? ", service under wrk)" : ")"),
                Report.met(over.isEmpty() && reads > 0),
                (reads - over.size()) + " of " + reads + " within; over: "
                        + (over.isEmpty() ? "none" : String.join(", ", over))));
    }

    void roster(List<RosterScale.Timing> timings) {
        RosterScale.Timing large = timings.get(1);
        double ratio = large.service().p50() / large.raw().p50();
        rows.add(List.of(
                "OneRoster page of " + large.rows() + " users <= 2x raw SQL plus encoding (p50)",
                Report.met(ratio <= LARGE_PAGE_RATIO),
                String.format(
                        Locale.ROOT,
                        "%s ms vs %s ms: %.2fx",
                        Report.ms(large.service().p50()),
                        Report.ms(large.raw().p50()),
                        ratio)));
    }

    void reconciliation(SyncBench.Reconciliation result) {
        rows.add(List.of(
                "reconciliation >= 1,000 profiles/s",
                Report.met(result.perSecond() >= PROFILES_PER_SECOND),
                String.format(
                        Locale.ROOT,
                        "%,d profiles in %.2f s: %.0f/s (raw reads alone %.0f/s)",
                        result.profiles(),
                        result.seconds(),
                        result.perSecond(),
                        result.rawPerSecond())));
    }

    void startup(List<StartupBench.Start> starts) {
        for (tsa.testsupport.LocalSystem.Service service : tsa.testsupport.LocalSystem.Service.values()) {
            List<StartupBench.Start> plain = starts.stream()
                    .filter(s -> s.service() == service && s.variant() == StartupBench.VARIANTS.get(0))
                    .toList();
            double ready = StartupBench.median(
                    plain.stream().mapToDouble(StartupBench.Start::readyMillis).toArray());
            double rss = StartupBench.median(
                    plain.stream().mapToDouble(StartupBench.Start::rssMiB).toArray());
            rows.add(List.of(
                    service.moduleName + " ready <= 1.5 s with <= 200 MB RSS (JVM, started alone)",
                    Report.met(ready <= READY_MILLIS && rss <= RSS_MIB),
                    String.format(Locale.ROOT, "ready in %.0f ms, RSS %.0f MiB", ready, rss)));
        }
    }

    List<List<String>> rows() {
        return rows;
    }
}
