package io.authroutes.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Collectors;

/**
 * Hours of use in minutes: three providers, 64 callers, 3 s tokens, and the fake revoking one
 * provider's tokens at random moments. At minute 1 and at the end the callers pause, a full GC runs,
 * and the old generation, the live threads (the benchmark's own left out) and the open connections
 * to the fake are read: a leak shows as a difference between the two.
 */
final class SoakScenario {

    static final Duration DEFAULT_LENGTH = Duration.ofMinutes(10);
    private static final int PROVIDERS = 3;
    private static final int CALLERS = Settings.STEADY_CALLERS;
    private static final Duration LIFETIME = Duration.ofSeconds(3);
    private static final Duration FIRST_READING = Duration.ofMinutes(1);

    /**
     * What is read at one point of the run: threads by name with their numbers left out, e.g.
     * {@code pool-#-thread-#}, but for idle pool threads that retire on their own (counted apart); and the
     * connections open to the fake's API and to its token endpoint.
     */
    record Reading(long oldGenBytes, Map<String, Integer> threadsByName, int retiringThreads, int apiConnections,
                   int tokenConnections) {

        int threads() {
            return threadsByName.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** The kinds of thread whose count differs from {@code earlier}'s, e.g. {@code authroutes-token 4 -> 2}. */
        String changedSince(Reading earlier) {
            Set<String> names = new TreeSet<>(threadsByName.keySet());
            names.addAll(earlier.threadsByName.keySet());
            return names.stream().filter(n -> !Objects.equals(threadsByName.get(n), earlier.threadsByName.get(n)))
                    .map(n -> "'" + n + "' " + earlier.threadsByName.getOrDefault(n, 0) + " -> " + threadsByName.getOrDefault(n, 0))
                    .collect(Collectors.joining(", "));
        }

        @Override
        public String toString() {
            return oldGenBytes + " bytes old generation, " + threads() + " threads " + threadsByName + " and "
                    + retiringThreads + " idle pool threads that retire on their own, " + apiConnections
                    + " connections to the API, " + tokenConnections + " to the token endpoint";
        }
    }

    private final Report report;
    private final Duration length;
    private final FakeProviderJvm fakes;

    SoakScenario(Report report, Duration length, FakeProviderJvm fakes) {
        this.report = report;
        this.fakes = fakes;
        this.length = length.compareTo(FIRST_READING) > 0 ? length : FIRST_READING.multipliedBy(2);
    }

    void run() throws Exception {
        String scenario = "soak, " + length.toMinutes() + " min, " + PROVIDERS + " providers, " + CALLERS + " callers, "
                + LIFETIME.toSeconds() + " s tokens, random revocations";
        System.out.println(scenario);
        String round = "soak-" + Long.toHexString(System.nanoTime());
        try (RemoteFake fake = fakes.open(Duration.ofMillis(20), LIFETIME, false)) {
            List<String> ids = new ArrayList<>();
            Properties extra = new Properties();
            for (int i = 2; i <= PROVIDERS; i++) {
                String id = BenchApp.PROVIDER + i;
                ids.add(id);
                extra.putAll(BenchApp.provider(fake, id, id + "-" + round));
            }
            try (BenchApp app = new BenchApp(fake, round, CALLERS, extra)) {
                List<Way.Target> targets = new ArrayList<>(List.of(app.target(Way.AUTHROUTES)));
                ids.forEach(id -> targets.add(new Way.Target(Way.AUTHROUTES, "direct:" + id, null, id + "-" + round)));
                soak(scenario, fake, app, targets);
            }
        }
    }

    private void soak(String scenario, RemoteFake fake, BenchApp app, List<Way.Target> targets) throws Exception {
        ReentrantReadWriteLock pause = new ReentrantReadWriteLock(true);
        LongAdder ok = new LongAdder();
        LongAdder failed = new LongAdder();
        long end = System.nanoTime() + length.toNanos();
        CountDownLatch done = new CountDownLatch(CALLERS);
        MachineLoad load = new MachineLoad(fakes);
        for (int i = 0; i < CALLERS; i++) {
            Way.Target target = targets.get(i % targets.size());
            Thread caller = new Thread(() -> {
                try {
                    while (System.nanoTime() - end < 0) {
                        pause.readLock().lock();
                        try {
                            (Way.call(app.template(), target) ? ok : failed).increment();
                        } finally {
                            pause.readLock().unlock();
                        }
                    }
                } finally {
                    done.countDown();
                }
            }, "soak-caller-" + i);
            caller.setDaemon(true);
            caller.start();
        }
        Thread revoker = revocations(fake, targets, end);
        Thread.sleep(FIRST_READING.toMillis());
        Reading first = read(pause, fake);
        System.out.println("    minute 1: " + first);
        long left = (end - System.nanoTime()) / 1_000_000 - 2_000;
        Thread.sleep(Math.max(0, left));
        Reading last = read(pause, fake);
        System.out.println("    minute " + length.toMinutes() + ": " + last + "; threads that changed: " + last.changedSince(first));
        done.await();
        revoker.interrupt();
        revoker.join();
        report.load(scenario, 1, "", load);
        int tokenRequests = targets.stream().mapToInt(t -> fake.tokenRequests(t.clientId())).sum();
        report.row(scenario + ": old generation after a full GC, MB (minute 1 -> end)",
                String.format("%.1f -> %.1f", first.oldGenBytes() / 1e6, last.oldGenBytes() / 1e6), "—", "—");
        String changed = last.changedSince(first);
        report.row(scenario + ": live threads (idle pool threads that retire on their own apart), connections to the API"
                        + " and to the token endpoint (minute 1 -> end)", first.threads() + " -> " + last.threads()
                + (changed.isEmpty() ? "" : " (" + changed + ")") + " (+" + first.retiringThreads() + " -> +" + last.retiringThreads()
                + "); " + first.apiConnections() + " -> " + last.apiConnections() + "; " + first.tokenConnections() + " -> "
                + last.tokenConnections(), "—", "—");
        report.row(scenario + ": calls, failed calls, token requests, revocations", ok.sum() + failed.sum() + ", " + failed.sum()
                + ", " + tokenRequests + ", " + fake.revocations(), "—", "—");
        report.target("soak: old generation after a full GC within 2 MB of minute 1",
                Math.abs(last.oldGenBytes() - first.oldGenBytes()) <= 2_000_000,
                String.format("%+.2f MB", (last.oldGenBytes() - first.oldGenBytes()) / 1e6));
        // a token endpoint connection is pooled like any other: one is opened for each token request that
        // overlaps another, and lives until the server's idle timeout; with one request per provider in
        // flight at most (single flight), a leak would show as more connections than providers
        report.target("soak: live threads and connections to the API unchanged, connections to the token endpoint at most one per provider",
                first.threads() == last.threads() && first.apiConnections() == last.apiConnections()
                        && Math.max(first.tokenConnections(), last.tokenConnections()) <= PROVIDERS,
                first.threads() + " -> " + last.threads() + " threads, " + first.apiConnections() + " -> " + last.apiConnections()
                        + " connections to the API, " + first.tokenConnections() + " -> " + last.tokenConnections()
                        + " to the token endpoint (at most " + PROVIDERS + ")");
    }

    /** Every 5 to 15 s until the callers stop, one provider's tokens, chosen at random, are revoked. */
    private static Thread revocations(RemoteFake fake, List<Way.Target> targets, long end) {
        Random random = new Random();
        Thread revoker = new Thread(() -> {
            try {
                while (System.nanoTime() - end < 0) {
                    Thread.sleep(5_000 + random.nextInt(10_000));
                    fake.revoke(targets.get(random.nextInt(targets.size())).clientId());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "soak-revocations");
        revoker.setDaemon(true);
        revoker.start();
        return revoker;
    }

    /**
     * With every caller paused between calls and the token requests they started answered: a full GC, then
     * the old generation, threads and connections. Renewals start from calls, so none starts while paused.
     */
    private static Reading read(ReentrantReadWriteLock pause, RemoteFake fake) throws InterruptedException {
        pause.writeLock().lock();
        try {
            untilPoolThreadsIdle();
            fake.forgetExpired();
            System.gc();
            System.gc();
            long oldGen = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getName().contains("Old Gen") || pool.getName().contains("Tenured"))
                    .mapToLong(pool -> pool.getUsage().getUsed()).sum();
            Map<Boolean, List<Thread>> retiring = Thread.getAllStackTraces().entrySet().stream()
                    .filter(t -> !t.getKey().getName().startsWith("soak-"))
                    .collect(Collectors.partitioningBy(t -> retiresWhenIdle(t.getValue()),
                            Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
            Map<String, Integer> threads = retiring.get(false).stream()
                    .map(t -> t.getName().replaceAll("[0-9]+", "#"))
                    .collect(Collectors.toMap(name -> name, name -> 1, Integer::sum, TreeMap::new));
            return new Reading(oldGen, threads, retiring.get(true).size(), connections(fake.apiPort()), connections(fake.tokenPort()));
        } finally {
            pause.writeLock().unlock();
        }
    }

    /**
     * A pool thread waiting for work with a time limit ({@code ThreadPoolExecutor.getTask} in a timed
     * {@code poll}): its pool ends it when the wait runs out (a cached pool after 60 s idle), so it comes
     * and goes with the load of the last minute. A core thread waits in {@code take} and stays: it counts.
     */
    private static boolean retiresWhenIdle(StackTraceElement[] stack) {
        for (int i = 1; i < stack.length; i++) {
            if (stack[i].getClassName().equals("java.util.concurrent.ThreadPoolExecutor") && stack[i].getMethodName().equals("getTask")) {
                return stack[i - 1].getMethodName().equals("poll");
            }
        }
        return false;
    }

    /** Waits (at most 5 s) until no pool thread runs a task, e.g. a token request begun before the pause. */
    private static void untilPoolThreadsIdle() throws InterruptedException {
        long giveUp = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        // the JDK's process reaper waits for the fake providers' JVM for as long as it runs: not a task that ends
        while (System.nanoTime() - giveUp < 0 && Thread.getAllStackTraces().entrySet().stream()
                .anyMatch(t -> !t.getKey().getName().startsWith("process reaper") && runsATask(t.getValue()))) {
            Thread.sleep(50);
        }
    }

    private static boolean runsATask(StackTraceElement[] stack) {
        boolean worker = false;
        for (StackTraceElement frame : stack) {
            if (frame.getClassName().equals("java.util.concurrent.ThreadPoolExecutor")) {
                if (frame.getMethodName().equals("getTask")) {
                    return false;
                }
                worker |= frame.getMethodName().equals("runWorker");
            }
        }
        return worker;
    }

    /** Established TCP connections accepted on {@code port}, from /proc/net/tcp and tcp6 (Linux). */
    private static int connections(int port) {
        int count = 0;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] fields = line.trim().split("\\s+");
                    if (fields.length > 3 && "01".equals(fields[3]) && fields[1].contains(":")) {
                        count += Integer.parseInt(fields[1].substring(fields[1].lastIndexOf(':') + 1), 16) == port ? 1 : 0;
                    }
                }
            } catch (IOException | NumberFormatException e) {
                return -1;
            }
        }
        return count;
    }
}
