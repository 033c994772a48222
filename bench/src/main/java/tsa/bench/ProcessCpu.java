package tsa.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The CPU time a process has used (user plus system), from Linux's /proc/&lt;pid&gt;/stat, in all and by thread. Read
 * before and after a loop, it splits a request's time into the CPU each process spent on it and the rest (waiting).
 */
final class ProcessCpu {

    /** Linux reports these fields in clock ticks; USER_HZ is 100 on every Linux this runs on. */
    private static final double MILLIS_PER_TICK = 10;

    private ProcessCpu() {}

    /** CPU milliseconds used so far by all threads, or -1 when the process is gone or /proc is not there. */
    static double millis(long pid) {
        return millis(Path.of("/proc", Long.toString(pid), "stat"));
    }

    /** A live thread's kind (its name as Linux keeps it, 15 characters, without its number) and CPU so far. */
    record ThreadCpu(String kind, double millis) {}

    /** The process' live threads by id. */
    static Map<Long, ThreadCpu> threads(long pid) {
        Map<Long, ThreadCpu> threads = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(task -> {
                try {
                    String name = Files.readAllLines(task.resolve("comm")).get(0);
                    double used = millis(task.resolve("stat"));
                    if (used >= 0) {
                        threads.put(
                                Long.parseLong(task.getFileName().toString()),
                                new ThreadCpu(name.replaceAll("-?[0-9]+$", ""), used));
                    }
                } catch (IOException | RuntimeException ended) {
                    // the thread ended between the listing and the read
                }
            });
        } catch (IOException gone) {
            // the process ended: no threads
        }
        return threads;
    }

    /**
     * CPU milliseconds by kind of thread between two {@link #threads} readings: each thread alive at the second
     * counts what it used since the first (all of it if it started in between). Pooled threads come and go, so
     * summing kinds at each reading would lose the CPU of the threads that ended.
     */
    static Map<String, Double> usedByKind(Map<Long, ThreadCpu> before, Map<Long, ThreadCpu> after) {
        Map<String, Double> kinds = new TreeMap<>();
        after.forEach((id, now) -> {
            ThreadCpu then = before.get(id);
            double since = then != null && then.kind().equals(now.kind()) ? then.millis() : 0;
            kinds.merge(now.kind(), now.millis() - since, Double::sum);
        });
        return kinds;
    }

    private static double millis(Path stat) {
        try {
            String line = Files.readAllLines(stat).get(0);
            // The command name (field 2) is in parentheses and may hold spaces: count the fields after its end.
            String[] fields = line.substring(line.lastIndexOf(')') + 2).trim().split("\\s+");
            long userTicks = Long.parseLong(fields[11]);
            long systemTicks = Long.parseLong(fields[12]);
            return (userTicks + systemTicks) * MILLIS_PER_TICK;
        } catch (IOException | RuntimeException gone) {
            return -1;
        }
    }
}
