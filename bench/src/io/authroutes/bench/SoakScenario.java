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

    /** What is read at one point of the run; threads by name with their numbers left out, e.g. {@code pool-#-thread-#}. */
    record Reading(long oldGenBytes, Map<String, Integer> threadsByName, int connections) {

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
        System.out.println("    minute 1: " + first.oldGenBytes() + " bytes old generation, " + first.threads() + " threads "
                + first.threadsByName() + ", " + first.connections() + " connections");
        long left = (end - System.nanoTime()) / 1_000_000 - 2_000;
        Thread.sleep(Math.max(0, left));
        Reading last = read(pause, fake);
        System.out.println("    minute " + length.toMinutes() + ": " + last.oldGenBytes() + " bytes old generation, "
                + last.threads() + " threads, " + last.connections() + " connections; threads that changed: " + last.changedSince(first));
        done.await();
        revoker.interrupt();
        revoker.join();
        report.load(scenario, 1, "", load);
        int tokenRequests = targets.stream().mapToInt(t -> fake.tokenRequests(t.clientId())).sum();
        report.row(scenario + ": old generation after a full GC, MB (minute 1 -> end)",
                String.format("%.1f -> %.1f", first.oldGenBytes() / 1e6, last.oldGenBytes() / 1e6), "—", "—");
        String changed = last.changedSince(first);
        report.row(scenario + ": live threads, open connections (minute 1 -> end)", first.threads() + " -> " + last.threads()
                + (changed.isEmpty() ? "" : " (" + changed + ")") + ", " + first.connections() + " -> " + last.connections(), "—", "—");
        report.row(scenario + ": calls, failed calls, token requests", ok.sum() + failed.sum() + ", " + failed.sum() + ", "
                + tokenRequests, "—", "—");
        report.target("soak: old generation after a full GC within 2 MB of minute 1",
                Math.abs(last.oldGenBytes() - first.oldGenBytes()) <= 2_000_000,
                String.format("%+.2f MB", (last.oldGenBytes() - first.oldGenBytes()) / 1e6));
        report.target("soak: live threads and open connections unchanged",
                first.threads() == last.threads() && first.connections() == last.connections(),
                first.threads() + " -> " + last.threads() + " threads, " + first.connections() + " -> " + last.connections() + " connections");
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

    /** With every caller paused between calls: a full GC, then the old generation, threads and connections. */
    private static Reading read(ReentrantReadWriteLock pause, RemoteFake fake) {
        pause.writeLock().lock();
        try {
            fake.forgetExpired();
            System.gc();
            System.gc();
            long oldGen = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getName().contains("Old Gen") || pool.getName().contains("Tenured"))
                    .mapToLong(pool -> pool.getUsage().getUsed()).sum();
            Map<String, Integer> threads = Thread.getAllStackTraces().keySet().stream()
                    .map(t -> t.getName().replaceAll("[0-9]+", "#"))
                    .filter(name -> !name.startsWith("fake-provider") && !name.startsWith("soak-"))
                    .collect(Collectors.toMap(name -> name, name -> 1, Integer::sum, TreeMap::new));
            return new Reading(oldGen, threads, connections(fake.ports()));
        } finally {
            pause.writeLock().unlock();
        }
    }

    /** Established TCP connections accepted on {@code ports}, from /proc/net/tcp and tcp6 (Linux). */
    private static int connections(Set<Integer> ports) {
        int count = 0;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] fields = line.trim().split("\\s+");
                    if (fields.length > 3 && "01".equals(fields[3]) && fields[1].contains(":")) {
                        int port = Integer.parseInt(fields[1].substring(fields[1].lastIndexOf(':') + 1), 16);
                        count += ports.contains(port) ? 1 : 0;
                    }
                }
            } catch (IOException | NumberFormatException e) {
                return -1;
            }
        }
        return count;
    }
}
