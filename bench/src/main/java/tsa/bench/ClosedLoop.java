package tsa.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A closed-loop load: {@code concurrency} threads each send the next call as soon as the previous one answered, first
 * for the warm-up (not recorded), then for the measured duration. Throughput is the measured calls per second.
 */
final class ClosedLoop {

    /** One call; true when it got the answer it expects (a wrong status counts as an error, not as a sample). */
    @FunctionalInterface
    interface Call {
        boolean call() throws Exception;
    }

    record Result(
            int concurrency, long calls, long errors, double perSecond, double p50, double p99, String firstError) {}

    private ClosedLoop() {}

    static Result run(int concurrency, Duration warmUp, Duration measured, Call call) {
        long start = System.nanoTime();
        long measureFrom = start + warmUp.toNanos();
        long end = measureFrom + measured.toNanos();
        List<Latencies> perThread = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(concurrency);
        for (int t = 0; t < concurrency; t++) {
            Latencies mine = new Latencies();
            perThread.add(mine);
            Thread worker = new Thread(
                    () -> {
                        try {
                            while (true) {
                                long before = System.nanoTime();
                                if (before >= end) {
                                    return;
                                }
                                boolean ok;
                                try {
                                    ok = call.call();
                                } catch (Exception e) {
                                    firstError.compareAndSet(null, e.toString());
                                    ok = false;
                                }
                                long after = System.nanoTime();
                                if (before >= measureFrom && after <= end) {
                                    if (ok) {
                                        mine.record(after - before);
                                    } else {
                                        errors.incrementAndGet();
                                    }
                                }
                            }
                        } finally {
                            done.countDown();
                        }
                    },
                    "closed-loop-" + t);
            worker.setDaemon(true);
            worker.start();
        }
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Latencies all = Latencies.merge(perThread);
        double seconds = measured.toNanos() / 1e9;
        return new Result(
                concurrency, all.count(), errors.get(), all.count() / seconds, all.p50(), all.p99(), firstError.get());
    }
}
