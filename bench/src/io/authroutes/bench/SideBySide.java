package io.authroutes.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.apache.camel.ProducerTemplate;

/**
 * Two ways called at the same time, so whatever else the machine does weighs on both alike: half the
 * callers each, their threads interleaved, or one caller alternating between them. Each caller thread
 * measures its own calls after a warm-up: latency, and the bytes it allocated and the CPU time it used
 * (ThreadMXBean), which is what a flow's thread pays per call.
 */
final class SideBySide {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** What one way's callers did in the measured window. */
    record Side(long ok, long failed, long[] latenciesNanos, long allocatedBytes, long cpuNanos, Duration window) {

        double throughput() {
            return ok / (window.toNanos() / 1e9);
        }

        double kilobytesPerCall() {
            return allocatedBytes / 1024.0 / Math.max(1, ok + failed);
        }

        double cpuMicrosPerCall() {
            return cpuNanos / 1e3 / Math.max(1, ok + failed);
        }

        double percentileMillis(double p) {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.min(latenciesNanos.length - 1, Math.ceil(p / 100 * latenciesNanos.length) - 1);
            return latenciesNanos[Math.max(0, index)] / 1e6;
        }
    }

    /** Both sides of one window, and the CPU time the fake providers' JVM used to answer them in it. */
    record Halves(Side[] sides, long fakeCpuNanos) {

        long calls() {
            return Arrays.stream(sides).mapToLong(s -> s.ok() + s.failed()).sum();
        }
    }

    /** One caller thread's tally; its arrays grow rarely, so the caller's own allocation stays the calls'. */
    private static final class Tally {
        final Way.Target target;
        long[] latencies = new long[1 << 14];
        int ok;
        long failed;
        long allocated;
        long cpu;

        Tally(Way.Target target) {
            this.target = target;
        }

        void record(long nanos) {
            if (ok == latencies.length) {
                latencies = Arrays.copyOf(latencies, ok * 2);
            }
            latencies[ok++] = nanos;
        }
    }

    private SideBySide() {
    }

    /**
     * {@code callers} threads, half on each target, created alternately ({@code secondFirst} swaps who
     * starts), all calling back to back: {@code warmUp} unmeasured, then {@code window} measured, with
     * what the fake providers' JVM spent in that window.
     */
    static Halves halves(ProducerTemplate template, Way.Target first, Way.Target second, int callers,
                         Duration warmUp, Duration window, boolean secondFirst, FakeProviderJvm fakes) throws InterruptedException {
        Tally[] tallies = new Tally[callers];
        Caller[] work = new Caller[callers];
        for (int i = 0; i < callers; i++) {
            Tally tally = new Tally((i % 2 == 0) != secondFirst ? first : second);
            tallies[i] = tally;
            work[i] = measured -> call(template, tally, measured);
        }
        long fakeCpu = run(tallies, work, warmUp, window, fakes);
        return new Halves(new Side[] {side(tallies, first, window), side(tallies, second, window)}, fakeCpu);
    }

    /**
     * One caller alternating between the targets call by call: the latency each adds to a lone call. The
     * thread's allocation and CPU cover both, so they are measured by {@link #halves} only.
     */
    static Side[] alternating(ProducerTemplate template, Way.Target first, Way.Target second,
                              Duration warmUp, Duration window) throws InterruptedException {
        Tally one = new Tally(first);
        Tally other = new Tally(second);
        run(new Tally[] {one}, new Caller[] {measured -> {
            call(template, one, measured);
            call(template, other, measured);
        }}, warmUp, window, null);
        return new Side[] {side(new Tally[] {one}, first, window), side(new Tally[] {other}, second, window)};
    }

    private interface Caller {
        void call(boolean measured);
    }

    private static void call(ProducerTemplate template, Tally tally, boolean measured) {
        long start = System.nanoTime();
        boolean ok = Way.call(template, tally.target);
        long took = System.nanoTime() - start;
        if (!measured) {
            return;
        }
        if (ok) {
            tally.record(took);
        } else {
            tally.failed++;
        }
    }

    /** Runs the callers; the fake providers' CPU time in the measured window, when {@code fakes} is given. */
    private static long run(Tally[] tallies, Caller[] work, Duration warmUp, Duration window, FakeProviderJvm fakes)
            throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(tallies.length);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(tallies.length);
        long measureFrom = System.nanoTime() + Duration.ofSeconds(1).toNanos() + warmUp.toNanos();
        long end = measureFrom + window.toNanos();
        for (int i = 0; i < tallies.length; i++) {
            Tally tally = tallies[i];
            Caller caller = work[i];
            Thread thread = new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                    while (System.nanoTime() - measureFrom < 0) {
                        caller.call(false);
                    }
                    long allocated = THREADS.getCurrentThreadAllocatedBytes();
                    long cpu = THREADS.getCurrentThreadCpuTime();
                    while (System.nanoTime() - end < 0) {
                        caller.call(true);
                    }
                    tally.allocated = THREADS.getCurrentThreadAllocatedBytes() - allocated;
                    tally.cpu = THREADS.getCurrentThreadCpuTime() - cpu;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            }, "caller-" + i);
            thread.setDaemon(true);
            thread.start();
        }
        // a second for every thread to start before the warm-up counts
        ready.await();
        go.countDown();
        long fakeCpu = 0;
        if (fakes != null) {
            Thread.sleep(Math.max(0, (measureFrom - System.nanoTime()) / 1_000_000));
            fakeCpu = -fakes.cpuNanos();
            Thread.sleep(Math.max(0, (end - System.nanoTime()) / 1_000_000));
            fakeCpu += fakes.cpuNanos();
        }
        done.await();
        return fakeCpu;
    }

    private static Side side(Tally[] tallies, Way.Target target, Duration window) {
        List<Tally> mine = Arrays.stream(tallies).filter(t -> t.target == target).toList();
        long[] latencies = mine.stream().flatMapToLong(t -> Arrays.stream(t.latencies, 0, t.ok)).sorted().toArray();
        return new Side(latencies.length, mine.stream().mapToLong(t -> t.failed).sum(), latencies,
                mine.stream().mapToLong(t -> t.allocated).sum(), mine.stream().mapToLong(t -> t.cpu).sum(), window);
    }
}
