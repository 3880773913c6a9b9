package io.authroutes.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.ProducerTemplate;

/** Callers on their own threads, as many flows calling one API at once. */
final class Callers {

    /** What a run of callers did: calls that answered 200, calls that failed, and latencies. */
    record Outcome(long ok, long failed, Duration elapsed, long[] latenciesNanos) {

        double throughput() {
            return ok / (elapsed.toNanos() / 1e9);
        }

        double percentileMillis(double p) {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.min(latenciesNanos.length - 1, Math.ceil(p / 100 * latenciesNanos.length) - 1);
            return latenciesNanos[Math.max(0, index)] / 1e6;
        }
    }

    private Callers() {
    }

    /** {@code callers} threads calling back to back for {@code duration}. */
    static Outcome steady(ProducerTemplate template, Way.Target target, int callers, Duration duration)
            throws InterruptedException {
        return steady(template, target, callers, duration, null);
    }

    /** {@code callers} threads calling back to back for {@code duration}; {@code midway} runs halfway. */
    static Outcome steady(ProducerTemplate template, Way.Target target, int callers, Duration duration,
                          Runnable midway) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        return run(callers, () -> {
            List<Long> latencies = new ArrayList<>();
            long failed = 0;
            while (System.nanoTime() < end) {
                long start = System.nanoTime();
                boolean ok = Way.call(template, target);
                if (ok) {
                    latencies.add(System.nanoTime() - start);
                } else {
                    failed++;
                }
            }
            return new long[][] {latencies.stream().mapToLong(Long::longValue).toArray(), {failed}};
        }, duration.dividedBy(2), midway);
    }

    /** {@code callers} threads released together, one call each. */
    static Outcome burst(ProducerTemplate template, Way.Target target, int callers) throws InterruptedException {
        return run(callers, () -> Way.call(template, target)
                ? new long[][] {{0}, {0}} : new long[][] {{}, {1}}, null, null);
    }

    private interface Work {
        long[][] perform();
    }

    private static Outcome run(int callers, Work work, Duration midwayAt, Runnable midway) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(callers);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(callers);
        List<long[]> latencies = new ArrayList<>();
        AtomicLong failed = new AtomicLong();
        for (int i = 0; i < callers; i++) {
            Thread caller = new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                    long[][] result = work.perform();
                    synchronized (latencies) {
                        latencies.add(result[0]);
                    }
                    failed.addAndGet(result[1][0]);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            }, "caller-" + i);
            caller.setDaemon(true);
            caller.start();
        }
        ready.await();
        long start = System.nanoTime();
        go.countDown();
        if (midway != null) {
            if (!done.await(midwayAt.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                midway.run();
            }
        }
        done.await();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Outcome(all.length, failed.get(), elapsed, all);
    }
}
