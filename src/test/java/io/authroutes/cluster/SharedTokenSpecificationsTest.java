package io.authroutes.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.authroutes.auth.CredentialsRejectedException;
import io.authroutes.auth.ProviderAuth;
import io.authroutes.auth.Token;
import io.authroutes.testing.AppInstance;
import io.authroutes.testing.CapturedLog;
import io.authroutes.testing.MutableClock;
import io.authroutes.testing.RedisServer;
import io.authroutes.testing.RotatingTokenServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * README "Several instances": instances of the app, each a Camel context built as the app builds it, on one
 * real redis-server, against an OAuth2 server that rotates refresh tokens and counts what reaches it.
 */
class SharedTokenSpecificationsTest {

    @RegisterExtension
    static final RedisServer REDIS = RedisServer.open();
    private static final String PROVIDER = "mobilesmarts";

    private final RotatingTokenServer server = new RotatingTokenServer();
    private final ExecutorService callers = Executors.newFixedThreadPool(64);
    private Cluster cluster;
    private CapturedLog log;

    @BeforeEach
    void start() {
        log = CapturedLog.capture();
        cluster = new Cluster(REDIS.uri(), server, RotatingTokenServer.PASSWORD);
    }

    @AfterEach
    void stop() throws Exception {
        callers.shutdownNow();
        cluster.close();
        server.close();
        log.close();
        assertThat(log.text()).doesNotContain(RotatingTokenServer.PASSWORD).doesNotContain(cluster.encryptionKey);
        server.issued().forEach(token -> assertThat(log.text()).doesNotContain(token));
    }

    @Test
    void coldCallersSpreadOverTwoInstancesThenOneLogin() throws Exception {
        List<AppInstance> instances = cluster.start(2, Clock.systemUTC());

        assertThat(failedCalls(instances, 512)).isZero();

        assertThat(server.logins()).isEqualTo(1);
        assertThat(token(instances.get(0))).isEqualTo(token(instances.get(1)));
    }

    @Test
    void tokenRevokedUnderLoadThenOneReacquisitionClusterWide() throws Exception {
        List<AppInstance> instances = cluster.start(2, Clock.systemUTC());
        assertThat(failedCalls(instances, 2)).isZero();
        server.revokeAll();

        assertThat(failedCalls(instances, 256)).isZero();

        assertThat(server.logins()).isEqualTo(2);
    }

    @Test
    void twoInstancesRenewingOneRotatingRefreshTokenAtOnceThenOneRefresh() throws Exception {
        MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
        List<AppInstance> instances = cluster.start(2, clock);
        assertThat(failedCalls(instances, 2)).isZero();
        Token first = instances.get(0).auth(PROVIDER).current().orElseThrow();
        // one-hour tokens renew in their last minute: both instances are inside that window, and whichever
        // renews second finds the first one's token (waiting on the lease, or told by the store) and uses it
        clock.advance(Duration.ofSeconds(3550));
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Token>> calls = instances.stream().map(instance -> CompletableFuture.supplyAsync(() -> {
            awaitQuietly(go);
            return instance.auth(PROVIDER).token();
        }, callers)).toList();

        go.countDown();
        calls.forEach(CompletableFuture::join);
        await().atMost(Duration.ofSeconds(20)).until(() -> instances.stream()
                .allMatch(instance -> instance.auth(PROVIDER).current().filter(t -> !t.value().equals(first.value())).isPresent()));

        assertThat(instances.get(0).auth(PROVIDER).current()).isEqualTo(instances.get(1).auth(PROVIDER).current());
        assertThat(server.refreshes()).isEqualTo(1);
        assertThat(server.invalidGrants()).isZero();
        assertThat(server.logins()).isEqualTo(1);
        assertThat(failedCalls(instances, 2)).isZero();
    }

    @Test
    void refreshSlowerThanTheLeaseThenItsRefreshTokenIsPresentedOnceClusterWide() throws Exception {
        cluster.with("providers.mobilesmarts.tokenTimeout", "2s");
        MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
        List<AppInstance> instances = cluster.start(2, clock);
        assertThat(failedCalls(instances, 2)).isZero();
        Token first = instances.get(0).auth(PROVIDER).current().orElseThrow();
        clock.advance(Duration.ofSeconds(3550));
        // the lease is tokenTimeout + 2 s = 4 s; the refresh answers after 6 s
        server.slowRefreshes(Duration.ofSeconds(6));

        instances.get(0).auth(PROVIDER).token();
        await().atMost(Duration.ofSeconds(10)).until(() -> server.refreshes() == 1);
        // the other instance asks for its renewal while the first one's refresh is in flight, and keeps asking
        instances.get(1).auth(PROVIDER).token();
        await().atMost(Duration.ofSeconds(30)).until(() -> renewed(instances.get(1), first) & renewed(instances.get(0), first));

        assertThat(server.refreshes()).isEqualTo(1);
        assertThat(server.invalidGrants()).isZero();
        assertThat(server.logins()).isEqualTo(1);
    }

    /** Asks for a token (a renewal starts when due) and tells whether the one cached now replaced {@code old}. */
    private static boolean renewed(AppInstance instance, Token old) {
        instance.auth(PROVIDER).token();
        return instance.auth(PROVIDER).current().filter(t -> !t.value().equals(old.value())).isPresent();
    }

    @Test
    void wrongPasswordOnThreeInstancesThenOneLoginPerStepOfThePolicy() throws Exception {
        cluster.with("providers.mobilesmarts.password", "not-" + RotatingTokenServer.PASSWORD);
        MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
        List<AppInstance> instances = cluster.start(3, clock);

        assertThat(refusedCalls(instances, 30)).isEqualTo(30);
        assertThat(server.logins()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(30));
        assertThat(refusedCalls(instances, 30)).isEqualTo(30);
        assertThat(server.logins()).isEqualTo(2);
        instances.forEach(instance -> assertThat(instance.auth(PROVIDER).status().credentialsRejected()).isTrue());
    }

    @Test
    void restartedWithThePasswordFixedThenLogsInAtOnceDespiteTheRecordedRefusal() throws Exception {
        MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
        try (AppInstance wrong = cluster.with("providers.mobilesmarts.password", "not-" + RotatingTokenServer.PASSWORD).start(clock)) {
            assertThat(refusedCalls(List.of(wrong), 1)).isEqualTo(1);
        }

        AppInstance fixed = cluster.with("providers.mobilesmarts.password", RotatingTokenServer.PASSWORD).start(clock);

        assertThat(failedCalls(List.of(fixed), 4)).isZero();
        assertThat(server.logins()).isEqualTo(2);
    }

    @Test
    void restartedWithTheSameWrongPasswordThenTheRecordedSpacingHolds() throws Exception {
        cluster.with("providers.mobilesmarts.password", "not-" + RotatingTokenServer.PASSWORD);
        MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
        try (AppInstance wrong = cluster.start(clock)) {
            assertThat(refusedCalls(List.of(wrong), 1)).isEqualTo(1);
        }

        AppInstance restarted = cluster.start(clock);

        assertThat(refusedCalls(List.of(restarted), 4)).isEqualTo(4);
        assertThat(server.logins()).isEqualTo(1);
    }

    @Test
    void redisStoppedMidRunThenNoCallFailsAndTokensAreSharedAgainWhenItIsBack() throws Exception {
        List<AppInstance> instances = cluster.start(2, Clock.systemUTC());
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger succeeded = new AtomicInteger();
        AtomicBoolean calling = new AtomicBoolean(true);
        CompletableFuture<Void> load = CompletableFuture.runAsync(() -> {
            for (int i = 0; calling.get(); i++) {
                (instances.get(i % 2).call(PROVIDER, "items").getException() == null ? succeeded : failed).incrementAndGet();
            }
        }, callers);
        try {
            awaitMoreCalls(succeeded, 20);
            REDIS.stop();
            server.revokeAll();
            awaitMoreCalls(succeeded, 50);
            instances.forEach(instance -> assertThat(storeCheck(instance)).isEqualTo(HealthCheck.State.DOWN));
            assertThat(server.logins()).isBetween(2, 3);
        } finally {
            REDIS.start();
        }
        instances.forEach(instance -> await().atMost(Duration.ofSeconds(10))
                .until(() -> storeCheck(instance) == HealthCheck.State.UP));
        int loginsBeforeReturn = server.logins();
        server.revokeAll();
        awaitMoreCalls(succeeded, 50);
        calling.set(false);
        load.get();

        assertThat(failed.get()).isZero();
        assertThat(server.logins()).isEqualTo(loginsBeforeReturn + 1);
        // one WARN per instance; one INFO per instance that has used the store since (the other follows by events)
        assertThat(log.text().split("token store cannot be used", -1)).hasSize(3);
        assertThat(log.text().split("token store answers again", -1)).hasSizeBetween(2, 3);
    }

    @Test
    void storedValuesAreCiphertextEndToEnd() throws Exception {
        AppInstance instance = cluster.start(Clock.systemUTC());
        assertThat(failedCalls(List.of(instance), 1)).isZero();
        RedisClient client = RedisClient.create(REDIS.uri());
        try (StatefulRedisConnection<byte[], byte[]> raw = client.connect(ByteArrayCodec.INSTANCE)) {
            List<byte[]> keys = raw.sync().keys((cluster.prefix + ":*").getBytes(StandardCharsets.UTF_8));
            assertThat(keys).extracting(key -> new String(key, StandardCharsets.UTF_8)).anyMatch(key -> key.endsWith(":token"));
            for (byte[] key : keys) {
                String type = raw.sync().type(key);
                if (type.equals("string")) {
                    String value = new String(raw.sync().get(key), StandardCharsets.ISO_8859_1);
                    server.issued().forEach(secret -> assertThat(value).doesNotContain(secret));
                    assertThat(value).doesNotContain(RotatingTokenServer.PASSWORD);
                }
            }
        } finally {
            client.shutdown();
        }
    }

    @Test
    void operatorInvalidatesOnOneInstanceThenEveryInstanceDropsTheToken() throws Exception {
        List<AppInstance> instances = cluster.start(2, Clock.systemUTC());
        assertThat(failedCalls(instances, 2)).isZero();

        instances.get(0).auth(PROVIDER).invalidate();

        await().atMost(Duration.ofSeconds(5)).until(() -> instances.get(1).auth(PROVIDER).current().isEmpty());
        assertThat(failedCalls(instances, 64)).isZero();
        assertThat(server.logins()).isEqualTo(2);
    }

    private int failedCalls(List<AppInstance> instances, int count) throws Exception {
        return (int) calls(instances, count).stream().filter(e -> e.getException() != null
                || e.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class) != 200).count();
    }

    private int refusedCalls(List<AppInstance> instances, int count) throws Exception {
        return (int) calls(instances, count).stream()
                .filter(e -> e.getException() instanceof CredentialsRejectedException).count();
    }

    /** {@code count} calls at once, spread round-robin over {@code instances}. */
    private List<Exchange> calls(List<AppInstance> instances, int count) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Exchange>> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            AppInstance instance = instances.get(i % instances.size());
            calls.add(CompletableFuture.supplyAsync(() -> {
                awaitQuietly(go);
                return instance.call(PROVIDER, "items");
            }, callers));
        }
        go.countDown();
        List<Exchange> done = new ArrayList<>();
        for (CompletableFuture<Exchange> call : calls) {
            done.add(call.get());
        }
        return done;
    }

    private static void awaitMoreCalls(AtomicInteger succeeded, int more) {
        int target = succeeded.get() + more;
        await().atMost(Duration.ofSeconds(30)).until(() -> succeeded.get() >= target);
    }

    private static HealthCheck.State storeCheck(AppInstance instance) {
        return HealthCheckRegistry.get(instance.context()).getCheck("authroutes-store").orElseThrow().call().getState();
    }

    private static String token(AppInstance instance) {
        ProviderAuth auth = instance.auth(PROVIDER);
        return auth.current().map(Token::value).orElseThrow();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
