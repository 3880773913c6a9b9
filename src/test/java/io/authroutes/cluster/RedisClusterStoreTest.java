package io.authroutes.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.authroutes.auth.SharedAccount;
import io.authroutes.testing.AppInstance;
import io.authroutes.testing.MutableClock;
import io.authroutes.testing.RedisNodes;
import io.authroutes.testing.RotatingTokenServer;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheck;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * README "Several instances", Redis Cluster: two instances on three primaries with a replica each
 * ({@code authroutes.store.redis.mode=cluster}), against an OAuth2 server that rotates refresh tokens.
 */
class RedisClusterStoreTest {

    private static final String PROVIDER = "mobilesmarts";
    private static RedisNodes redis;

    private final RotatingTokenServer server = new RotatingTokenServer();
    private final ExecutorService callers = Executors.newFixedThreadPool(64);
    private Cluster cluster;

    @BeforeAll
    static void startRedisCluster() throws Exception {
        redis = RedisNodes.cluster();
    }

    @AfterAll
    static void stopRedisCluster() {
        redis.close();
    }

    @BeforeEach
    void start() {
        cluster = new Cluster(redis.clusterUri(), server, RotatingTokenServer.PASSWORD)
                .with("authroutes.store.redis.mode", "cluster");
    }

    @AfterEach
    void stop() throws Exception {
        callers.shutdownNow();
        cluster.close();
        server.close();
    }

    @Test
    void coldCallersSpreadOverTwoInstancesThenOneLoginAndEveryKeyOfTheAccountInOneSlot() throws Exception {
        List<AppInstance> instances = cluster.start(2, Clock.systemUTC());

        assertThat(failedCalls(instances, 512)).isZero();

        assertThat(server.logins()).isEqualTo(1);
        List<String> keys = keys();
        assertThat(keys).anyMatch(key -> key.endsWith(":token")).anyMatch(key -> key.endsWith(":members"));
        assertThat(keys.stream().map(RedisClusterStoreTest::slot).distinct()).hasSize(1);
    }

    @Test
    void fiveSecondTokensForThirtySecondsThenOneTokenRequestPerExpiry() throws Exception {
        server.tokenLifetime(Duration.ofSeconds(5));
        MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
        List<AppInstance> instances = cluster.start(2, clock);
        assertThat(failedCalls(instances, 32)).isZero();

        for (int expiry = 0; expiry < 6; expiry++) {
            clock.advance(Duration.ofSeconds(5));
            assertThat(failedCalls(instances, 32)).isZero();
        }

        assertThat(server.logins() + server.refreshes()).as("token requests in 30 s of 5 s tokens").isEqualTo(7);
        assertThat(server.invalidGrants()).isZero();
    }

    @Test
    void primaryOfTheAccountKilledThenHealthDownUntilItsReplicaTakesOverAndTokensStayShared() throws Exception {
        List<AppInstance> instances = cluster.start(2, Clock.systemUTC());
        assertThat(failedCalls(instances, 2)).isZero();
        long slot = slot(keys().get(0));
        int primary = primaryServing(redis.ports().get(0), slot);

        try (CallsUnderLoad load = new CallsUnderLoad(instances, PROVIDER, 4)) {
            load.awaitMoreCalls(50);
            redis.kill(primary);
            // the health asks the node of the account's slot, not any node: DOWN before the replica takes over
            assertThat(instances).allMatch(instance -> CallsUnderLoad.storeHealth(instance) == HealthCheck.State.DOWN);
            assertThat(redis.ports()).as("nodes naming the killed primary when the health was read")
                    .anyMatch(port -> primaryServing(port, slot) == primary);
            // the nodes say "ok" until they notice the loss (node timeout): wait until each names the promoted replica
            redis.await(Duration.ofSeconds(30), () -> redis.clusterOk()
                    && redis.ports().stream().allMatch(port -> primaryServing(port, slot) != primary));
            instances.forEach(instance -> await().atMost(Duration.ofSeconds(20))
                    .until(() -> CallsUnderLoad.storeHealth(instance) == HealthCheck.State.UP && reachesAccount(instance)));
            int loginsAcrossFailover = server.logins();
            server.revokeAll();
            load.awaitMoreCalls(200);

            assertThat(load.failed()).isZero();
            assertThat(loginsAcrossFailover).as("the first login and at most one for the failover").isBetween(1, 2);
            assertThat(server.logins()).as("one login for the cluster after the revocation").isEqualTo(loginsAcrossFailover + 1);
        }
    }

    /** Every key of this test's prefix, from every primary. */
    private List<String> keys() {
        RedisClusterClient client = RedisClusterClient.create(redis.clusterUri().split(",")[0]);
        try (StatefulRedisClusterConnection<String, String> raw = client.connect()) {
            return raw.sync().keys(cluster.prefix + ":*");
        } finally {
            client.shutdown();
        }
    }

    private static long slot(String key) {
        return Long.parseLong(RedisNodes.cli(redis.ports().get(0), "CLUSTER", "KEYSLOT", key).trim());
    }

    /** The port of the primary that serves {@code slot} now, as the node at {@code port} sees it ({@code CLUSTER NODES}). */
    private static int primaryServing(int port, long slot) {
        for (String line : RedisNodes.cli(port, "CLUSTER", "NODES").split("\n")) {
            String[] fields = line.trim().split(" ");
            if (fields.length < 9 || !fields[2].contains("master")) {
                continue;
            }
            for (int i = 8; i < fields.length; i++) {
                String[] range = fields[i].split("-");
                long from = Long.parseLong(range[0]);
                long to = range.length == 2 ? Long.parseLong(range[1]) : from;
                if (slot >= from && slot <= to) {
                    return Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1, fields[1].indexOf('@')));
                }
            }
        }
        throw new IllegalStateException("the node at " + port + " names no primary for slot " + slot);
    }

    /**
     * Whether the instance works on the shared store again: a store command that failed during the failover made it
     * fall back; the first one that works after retryAfter ends that.
     */
    private static boolean reachesAccount(AppInstance instance) {
        SharedAccount shared = instance.auth(PROVIDER).shared();
        shared.instances();
        return !shared.store().isFallingBack();
    }

    private int failedCalls(List<AppInstance> instances, int count) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Exchange>> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            AppInstance instance = instances.get(i % instances.size());
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return instance.call(PROVIDER, "items");
            }, callers));
        }
        go.countDown();
        int failed = 0;
        for (CompletableFuture<Exchange> call : calls) {
            Exchange done = call.get();
            if (done.getException() != null || done.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class) != 200) {
                failed++;
            }
        }
        return failed;
    }
}
