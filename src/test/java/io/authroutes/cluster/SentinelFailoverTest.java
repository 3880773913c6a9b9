package io.authroutes.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.authroutes.auth.SharedAccount;
import io.authroutes.auth.Token;
import io.authroutes.auth.TokenAccount;
import io.authroutes.auth.TokenStore.FlightLimits;
import io.authroutes.auth.store.RedisStoreSettings;
import io.authroutes.auth.store.RedisTokenStore;
import io.authroutes.testing.AppInstance;
import io.authroutes.testing.CapturedLog;
import io.authroutes.testing.RedisNodes;
import io.authroutes.testing.RotatingTokenServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.health.HealthCheck;
import org.junit.jupiter.api.Test;

/**
 * README "Several instances", Sentinel: two instances on a primary, a replica and three sentinels; the primary
 * dies (SIGKILL) while calls run. Real time: a failover is Redis's own clock (down after 500 ms here).
 */
class SentinelFailoverTest {

    private static final String PROVIDER = "mobilesmarts";
    private static final TokenAccount ACCOUNT = TokenAccount.of(PROVIDER, URI.create("https://api.example.com"), "ops");
    private static final FlightLimits LIMITS = FlightLimits.forTokenTimeout(Duration.ofSeconds(5));
    /** Longer than a few polls of the sentinels, so the bound is the store's and not how often the test looks. */
    private static final Duration RETRY_AFTER = Duration.ofMillis(500);

    @Test
    void leaseTakenThenAReplicaHoldsItBeforeTheTokenRequestGoesOut() throws Exception {
        try (RedisNodes redis = RedisNodes.sentinel(); CapturedLog log = CapturedLog.capture()) {
            RedisTokenStore store = store(redis);
            List<String> leasesOnReplica = new ArrayList<>();
            try {
                store.obtainOnce(ACCOUNT, null, () -> {
                    leasesOnReplica.add(RedisNodes.cli(redis.sentinelReplica(), "KEYS", "*:lease"));
                    return token("replicated");
                }, LIMITS);
                assertThat(leasesOnReplica.get(0)).contains(":lease");
                assertThat(log.text()).doesNotContain("no Redis replica acknowledged");

                // a replica that does not answer: the request still goes out, and the operator is told
                redis.freeze(redis.sentinelReplica(), true);
                try {
                    assertThat(store.obtainOnce(ACCOUNT, token("replicated"), () -> token("unreplicated"), LIMITS).value())
                            .isEqualTo("unreplicated");
                } finally {
                    redis.freeze(redis.sentinelReplica(), false);
                }
                assertThat(log.text().split("no Redis replica acknowledged the token lease", -1)).hasSize(2);
            } finally {
                store.close();
            }
        }
    }

    private static RedisTokenStore store(RedisNodes redis) {
        Map<String, String> properties = Map.of(RedisStoreSettings.URI_PROPERTY, redis.sentinelUri(),
                RedisStoreSettings.KEY_PROPERTY, Base64.getEncoder().encodeToString(new byte[32]));
        return new RedisTokenStore(RedisStoreSettings.load(key -> Optional.ofNullable(properties.get(key)), Map.of()),
                Clock.systemUTC());
    }

    private static Token token(String value) {
        return new Token(value, Instant.now(), Instant.now().plus(Duration.ofHours(1)), "refresh-of-" + value, Map.of());
    }

    /**
     * The failover time is measured here, from the kill to the first sentinel naming the replica; an instance is
     * back once its store answers a command through the fallback (it no longer works alone) and its health is UP.
     */
    @Test
    void primaryKilledUnderLoadThenNoCallFailsAndBothInstancesAreBackWithinTheFailoverPlusRetryAfter() throws Exception {
        try (RedisNodes redis = RedisNodes.sentinel(); RotatingTokenServer server = new RotatingTokenServer();
             Cluster cluster = new Cluster(redis.sentinelUri(), server, RotatingTokenServer.PASSWORD)
                     .with("authroutes.store.retryAfter", RETRY_AFTER.toMillis() + "ms")) {
            List<AppInstance> instances = cluster.start(2, Clock.systemUTC());
            try (CallsUnderLoad load = new CallsUnderLoad(instances, PROVIDER, 4)) {
                load.awaitMoreCalls(50);
                int primary = redis.sentinelPrimary();

                long killedAt = System.nanoTime();
                redis.kill(primary);
                redis.await(Duration.ofSeconds(30), () -> redis.sentinelPrimary() != primary);
                Duration failover = Duration.ofNanos(System.nanoTime() - killedAt);
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                        .until(() -> instances.stream().allMatch(SentinelFailoverTest::backOnTheSharedStore));
                Duration back = Duration.ofNanos(System.nanoTime() - killedAt);
                int loginsAcrossFailover = server.logins();
                // shared again: a revocation now costs the cluster one login, not one per instance
                server.revokeAll();
                load.awaitMoreCalls(200);

                assertThat(load.failed()).isZero();
                assertThat(loginsAcrossFailover).as("the first login and at most one for the failover").isBetween(1, 2);
                assertThat(server.logins()).isEqualTo(loginsAcrossFailover + 1);
                assertThat(back).as("failover took %s ms", failover.toMillis()).isLessThanOrEqualTo(failover.plus(RETRY_AFTER));
            }
        }
    }

    private static boolean backOnTheSharedStore(AppInstance instance) {
        SharedAccount shared = instance.auth(PROVIDER).shared();
        shared.instances();
        return !shared.store().isFallingBack() && CallsUnderLoad.storeHealth(instance) == HealthCheck.State.UP;
    }
}
