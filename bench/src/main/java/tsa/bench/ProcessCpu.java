package tsa.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /**
     * CPU milliseconds used so far by the process' live threads, summed by kind of thread: the thread's name (as Linux
     * keeps it, 15 characters) without its number, so {@code executor-thread-12} counts as {@code executor-thread-}.
     */
    static Map<String, Double> byThreadKind(long pid) {
        Map<String, Double> kinds = new TreeMap<>();
        try (Stream<Path> threads = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            threads.forEach(thread -> {
                try {
                    String name = Files.readAllLines(thread.resolve("comm")).get(0);
                    double used = millis(thread.resolve("stat"));
                    if (used >= 0) {
                        kinds.merge(name.replaceAll("[0-9]+$", ""), used, Double::sum);
                    }
                } catch (IOException | RuntimeException ended) {
                    // the thread ended between the listing and the read
                }
            });
        } catch (IOException gone) {
            return kinds;
        }
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
