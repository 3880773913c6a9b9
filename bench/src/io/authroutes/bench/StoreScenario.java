package io.authroutes.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * README "Several instances": the local store against the Redis store. Three instances (Camel contexts of one
 * account) with 5 s tokens count token requests per expiry; one instance under steady load compares calls/s,
 * since a call with a cached token never reaches Redis. Needs redis-server (bash .ci/install-redis).
 */
final class StoreScenario {

    private static final int INSTANCES = 3;

    private final Settings settings;
    private final Report report;
    private final FakeProviderJvm fakes;

    StoreScenario(Settings settings, Report report, FakeProviderJvm fakes) {
        this.settings = settings;
        this.report = report;
        this.fakes = fakes;
    }

    void run() throws Exception {
        if (Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .noneMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, "redis-server")))) {
            System.out.println("token store: skipped, redis-server is not installed (bash .ci/install-redis)");
            return;
        }
        int port = freePort();
        Process redis = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no").redirectErrorStream(true).start();
        try {
            awaitReady(redis);
            tokenRequestsPerExpiry(port);
            steadyState(port);
        } finally {
            redis.destroy();
            redis.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private void tokenRequestsPerExpiry(int port) throws Exception {
        Duration run = settings.shortTokensRun();
        String scenario = INSTANCES + " instances of one account, " + Settings.SHORT_LIFETIME.toSeconds() + " s tokens, "
                + run.toSeconds() + " s";
        System.out.println(scenario + " (local store, then redis store)");
        long expiries = Math.max(1, run.toMillis() / Settings.SHORT_LIFETIME.toMillis());
        int local = tokenRequests(null, run);
        int redis = tokenRequests(store(port), run);
        report.row(scenario + ": token requests (local -> redis store)", local + " -> " + redis
                + String.format(" (%.1f -> %.1f per expiry)", (double) local / expiries, (double) redis / expiries), "—", "—");
        int limit = settings.shortTokenRequestLimit();
        report.goal(INSTANCES + " instances on one Redis: no more token requests than one instance's goal (" + limit + ")",
                redis <= limit, redis + " token requests");
    }

    /** Token requests of {@link #INSTANCES} contexts calling for {@code run}, on {@code store} (null: the local store). */
    private int tokenRequests(Properties store, Duration run) throws Exception {
        String round = "store-" + Long.toHexString(System.nanoTime());
        try (RemoteFake fake = fakes.open(Duration.ofMillis(20), Settings.SHORT_LIFETIME, false)) {
            List<BenchApp> apps = new ArrayList<>();
            try {
                for (int i = 0; i < INSTANCES; i++) {
                    apps.add(new BenchApp(fake, round, Settings.SHORT_TOKEN_CALLERS, store == null ? new Properties() : store));
                }
                MachineLoad load = new MachineLoad(fakes);
                List<CompletableFuture<Callers.Outcome>> runs = apps.stream().map(app -> CompletableFuture.supplyAsync(() ->
                        steady(app, Settings.SHORT_TOKEN_CALLERS, run))).toList();
                long failed = runs.stream().map(CompletableFuture::join).mapToLong(Callers.Outcome::failed).sum();
                report.load("token store", 1, store == null ? "local" : "redis", load);
                report.goal("token store (" + (store == null ? "local" : "redis") + "): no call fails", failed == 0, failed + " failed");
                return fake.tokenRequests(apps.get(0).clientId(Way.AUTHROUTES));
            } finally {
                for (BenchApp app : apps) {
                    app.close();
                }
            }
        }
    }

    private void steadyState(int port) throws Exception {
        String scenario = "one instance, steady state, " + Settings.STEADY_CALLERS + " callers";
        System.out.println(scenario + " (local store, then redis store, " + settings.steadyRounds() + " rounds)");
        Figures local = new Figures();
        Figures redis = new Figures();
        for (int round = 1; round <= settings.steadyRounds(); round++) {
            boolean localFirst = round % 2 == 1;
            for (Properties store : localFirst ? List.of(new Properties(), store(port)) : List.of(store(port), new Properties())) {
                try (RemoteFake fake = fakes.open(Duration.ZERO, Duration.ofHours(1), false);
                     BenchApp app = new BenchApp(fake, "steady-" + Long.toHexString(System.nanoTime()), Settings.STEADY_CALLERS, store)) {
                    Way.Target target = app.target(Way.AUTHROUTES);
                    Callers.steady(app.template(), target, Settings.STEADY_CALLERS, settings.steadyWarmUp());
                    Callers.Outcome outcome = Callers.steady(app.template(), target, Settings.STEADY_CALLERS, settings.steadyRun());
                    (store.isEmpty() ? local : redis).add(outcome.throughput());
                }
            }
        }
        Figures ratio = Figures.ratio(redis, local);
        report.row(scenario + ": calls/s (local -> redis store)", local.format("%.0f") + " -> " + redis.format("%.0f")
                + " = " + ratio.format("%.3fx"), "—", "—");
        report.target("redis store within 2 % of the local store's calls/s", ratio.median() >= 0.98, ratio.format("%.3fx"));
    }

    private static Callers.Outcome steady(BenchApp app, int callers, Duration run) {
        try {
            return Callers.steady(app.template(), app.target(Way.AUTHROUTES), callers, run);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Properties store(int port) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Properties p = new Properties();
        p.setProperty("authroutes.store", "redis");
        p.setProperty("authroutes.store.redis.uri", "redis://127.0.0.1:" + port);
        p.setProperty("authroutes.store.prefix", "bench-" + Long.toHexString(System.nanoTime()));
        p.setProperty("authroutes.store.encryptionKey", Base64.getEncoder().encodeToString(key));
        return p;
    }

    private static void awaitReady(Process redis) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(1);
        Thread output = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(redis.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.contains("Ready to accept connections")) {
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                // redis-server stopped
            }
        }, "redis-server");
        output.setDaemon(true);
        output.start();
        if (!ready.await(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException("redis-server did not start");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
