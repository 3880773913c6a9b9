package io.authroutes.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.authroutes.auth.SharedAccount;
import io.authroutes.auth.Token;
import io.authroutes.auth.TokenAccount;
import io.authroutes.auth.TokenStore;
import io.authroutes.auth.TokenStore.FlightLimits;
import io.authroutes.auth.TokenStore.RefreshUse;
import io.authroutes.auth.store.TokenStores;
import io.authroutes.testing.AppInstance;
import io.authroutes.testing.CapturedLog;
import io.authroutes.testing.MutableClock;
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
import java.util.concurrent.CompletableFuture;
import org.apache.camel.Exchange;
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
    /** From a first token's start into its renewal window. */
    private static final Duration RENEWAL_DUE = Duration.ofMinutes(59).plusSeconds(10);

    @Test
    void leaseTakenThenAReplicaHoldsItBeforeTheTokenRequestGoesOut() throws Exception {
        try (RedisNodes redis = RedisNodes.sentinel(); CapturedLog log = CapturedLog.capture()) {
            TokenStore store = store(redis);
            List<String> leasesOnReplica = new ArrayList<>();
            List<RefreshUse> told = new ArrayList<>();
            try {
                store.obtainOnce(ACCOUNT, null, refresh -> {
                    leasesOnReplica.add(RedisNodes.cli(redis.sentinelReplica(), "KEYS", "*:lease"));
                    told.add(refresh);
                    return token("replicated");
                }, LIMITS);
                assertThat(leasesOnReplica.get(0)).contains(":lease");
                assertThat(log.text()).doesNotContain("no Redis replica acknowledged");

                // a replica that does not answer: the request still goes out, may not refresh, and the operator is told
                redis.freeze(redis.sentinelReplica(), true);
                try {
                    assertThat(store.obtainOnce(ACCOUNT, token("replicated"), refresh -> {
                        told.add(refresh);
                        return token("unreplicated");
                    }, LIMITS).value()).isEqualTo("unreplicated");
                } finally {
                    redis.freeze(redis.sentinelReplica(), false);
                }
                assertThat(told).containsExactly(RefreshUse.ALLOWED, RefreshUse.NOT_ALLOWED);
                assertThat(log.text().split("no Redis replica acknowledged the token lease", -1)).hasSize(2);
            } finally {
                store.close();
            }
        }
    }

    private static TokenStore store(RedisNodes redis) {
        Map<String, String> properties = Map.of(TokenStores.STORE_PROPERTY, "redis", "authroutes.store.redis.uri",
                redis.sentinelUri(), "authroutes.store.encryptionKey", Base64.getEncoder().encodeToString(new byte[32]));
        return TokenStores.open(key -> Optional.ofNullable(properties.get(key)), Map.of(), Clock.systemUTC());
    }

    private static Token token(String value) {
        return new Token(value, Instant.now(), Instant.now().plus(Duration.ofHours(1)), "refresh-of-" + value, Map.of());
    }

    /**
     * A write lost in failover, made certain: while a refresh is at the provider, the replica is frozen (SIGSTOP) and
     * the primary drops its link to it, so the token the refresh returns reaches the primary only; the primary is
     * then killed and the replica, resumed, promoted without it. That is what asynchronous replication loses when a
     * primary dies before streaming its last writes; the test turns a window of microseconds into one it controls.
     * The lease reached the replica before the refresh went out, as it does whenever a replica answers. An instance
     * that starts after the failover may find the replaced token in the store, in its renewal window, with a refresh
     * token the provider consumed already.
     */
    @Test
    void tokenWriteLostInFailoverThenNoRefreshTokenPresentedTwiceAndNoExtraLogin() throws Exception {
        MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
        try (RedisNodes redis = RedisNodes.sentinel(); RotatingTokenServer server = new RotatingTokenServer();
             Cluster cluster = new Cluster(redis.sentinelUri(), server, RotatingTokenServer.PASSWORD)
                     .with("providers.mobilesmarts.tokenTimeout", "10s")) {
            AppInstance holder = holdingAReplicatedToken(cluster, clock, redis);
            int primary = redis.sentinelPrimary();
            String replaced = holder.auth(PROVIDER).current().orElseThrow().value();

            server.slowRefreshes(Duration.ofSeconds(2));
            clock.advance(RENEWAL_DUE);
            CompletableFuture<Exchange> renewing = CompletableFuture.supplyAsync(() -> holder.call(PROVIDER, "items"));
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> server.refreshes() == 1);
            cutOff(redis, primary);
            await().atMost(Duration.ofSeconds(10)).until(() -> renewed(holder, replaced));
            assertThat(succeeded(renewing.get())).isTrue();
            failOver(redis, primary);

            AppInstance started = startedAndRenewed(cluster, clock, replaced);
            assertThat(succeeded(holder.call(PROVIDER, "items"))).isTrue();

            assertThat(server.refreshes()).as("refresh tokens presented").isEqualTo(1);
            assertThat(server.invalidGrants()).as("refresh tokens presented twice").isZero();
            assertThat(server.logins()).isEqualTo(1);
            assertThat(started.auth(PROVIDER).current()).isEqualTo(holder.auth(PROVIDER).current());
        }
    }

    /**
     * A lease lost in failover, made certain: both replicas are frozen and cut off (as above) before a renewal is
     * due, so the lease its holder takes reaches the primary only, and no replica acknowledges it. The holder logs in
     * instead of presenting the refresh token. Its token, not replicated either, is written again until the lease
     * runs out; then the primary is killed and a replica promoted with the replaced token and no lease, the other
     * replica following it. An instance that starts then finds the replaced token due for renewal, its lease
     * acknowledged, and presents the old refresh token for the first time (or logs in, when the promoted primary's
     * replica has not caught up enough to acknowledge that lease): one extra token request for the failover. Had
     * the holder refreshed, that refresh token would have reached the provider twice.
     */
    @Test
    void leaseLostInFailoverThenNoRefreshTokenPresentedTwiceAndOneExtraTokenRequest() throws Exception {
        MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
        try (RedisNodes redis = RedisNodes.sentinel(2); RotatingTokenServer server = new RotatingTokenServer();
             CapturedLog log = CapturedLog.capture();
             Cluster cluster = new Cluster(redis.sentinelUri(), server, RotatingTokenServer.PASSWORD)
                     .with("providers.mobilesmarts.tokenTimeout", "3s")) {
            AppInstance holder = holdingAReplicatedToken(cluster, clock, redis);
            int primary = redis.sentinelPrimary();
            String replaced = holder.auth(PROVIDER).current().orElseThrow().value();

            cutOff(redis, primary);
            clock.advance(RENEWAL_DUE);
            assertThat(succeeded(holder.call(PROVIDER, "items"))).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> renewed(holder, replaced));
            assertThat(server.refreshes()).as("refreshes while no replica holds the lease").isZero();
            // the holder gives its lease back once it has written its token again for one lease (3 s + 2 s)
            redis.await(Duration.ofSeconds(15), () -> !RedisNodes.cli(primary, "KEYS", "*:lease").contains(":lease"));
            int promoted = failOver(redis, primary);
            // the other replica now follows the promoted one, so the next lease is acknowledged and may refresh
            redis.await(Duration.ofSeconds(30), () -> RedisNodes.streamsToAReplica(promoted));

            startedAndRenewed(cluster, clock, replaced);
            assertThat(succeeded(holder.call(PROVIDER, "items"))).isTrue();

            assertThat(server.invalidGrants()).as("refresh tokens presented twice").isZero();
            assertThat(server.refreshes()).as("refresh tokens presented: the replaced one, at most once").isLessThanOrEqualTo(1);
            assertThat(server.refreshes() + server.logins())
                    .as("token requests: the first login, the holder's in place of its refresh, one for the failover")
                    .isEqualTo(3);
            assertThat(log.text()).contains("this token request presents no refresh token");
        }
    }

    /**
     * Where the lease rule must not trip: replicas that answer. Two instances under load, five renewals of a
     * rotating refresh token: each is one refresh for the cluster, never a login in its place, and no call fails.
     */
    @Test
    void renewalsUnderLoadWithTheReplicaAnsweringThenEachIsOneRefreshAndNoCallFails() throws Exception {
        MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
        try (RedisNodes redis = RedisNodes.sentinel(); RotatingTokenServer server = new RotatingTokenServer();
             CapturedLog log = CapturedLog.capture();
             Cluster cluster = new Cluster(redis.sentinelUri(), server, RotatingTokenServer.PASSWORD)) {
            List<AppInstance> instances = cluster.start(2, clock);
            try (CallsUnderLoad load = new CallsUnderLoad(instances, PROVIDER, 4)) {
                load.awaitMoreCalls(50);
                for (int renewal = 0; renewal < 5; renewal++) {
                    String replaced = instances.get(0).auth(PROVIDER).current().orElseThrow().value();
                    clock.advance(RENEWAL_DUE);
                    await().atMost(Duration.ofSeconds(20)).until(() -> instances.stream().allMatch(i -> renewed(i, replaced)));
                    load.awaitMoreCalls(50);
                }

                assertThat(load.failed()).isZero();
                assertThat(server.refreshes()).as("renewals, each one refresh for the cluster").isEqualTo(5);
                assertThat(server.logins()).as("the first login only").isEqualTo(1);
                assertThat(server.invalidGrants()).isZero();
                assertThat(log.text()).doesNotContain("presents no refresh token");
            }
        }
    }

    /** A first token, obtained by the instance returned and held by every replica too. */
    private static AppInstance holdingAReplicatedToken(Cluster cluster, Clock clock, RedisNodes redis) throws Exception {
        AppInstance holder = cluster.start(clock);
        assertThat(succeeded(holder.call(PROVIDER, "items"))).isTrue();
        redis.await(Duration.ofSeconds(10), () -> redis.sentinelReplicas().stream()
                .allMatch(replica -> RedisNodes.cli(replica, "KEYS", "*:token").contains(":token")));
        return holder;
    }

    /**
     * Frozen, a replica cannot reconnect; cut, it gets nothing the primary writes from now on (a frozen replica
     * alone would still read, once resumed, what its socket buffered).
     */
    private static void cutOff(RedisNodes redis, int primary) throws Exception {
        for (int replica : redis.sentinelReplicas()) {
            redis.freeze(replica, true);
        }
        assertThat(RedisNodes.cli(primary, "CLIENT", "KILL", "TYPE", "replica").trim())
                .isEqualTo(String.valueOf(redis.sentinelReplicas().size()));
    }

    /** Kills the primary and resumes the replicas; the port of the replica every sentinel then names. */
    private static int failOver(RedisNodes redis, int primary) throws Exception {
        redis.kill(primary);
        for (int replica : redis.sentinelReplicas()) {
            redis.freeze(replica, false);
        }
        redis.await(Duration.ofSeconds(30), () -> redis.sentinelReplicas().stream().anyMatch(redis::sentinelsAllName));
        return redis.sentinelReplicas().stream().filter(redis::sentinelsAllName).findFirst().orElseThrow();
    }

    /** An instance started now, once a call of its own succeeded with a token other than {@code replaced}. */
    private static AppInstance startedAndRenewed(Cluster cluster, Clock clock, String replaced) throws Exception {
        AppInstance started = cluster.start(clock);
        await().atMost(Duration.ofSeconds(30)).until(() -> succeeded(started.call(PROVIDER, "items")) && renewed(started, replaced));
        return started;
    }

    private static boolean renewed(AppInstance instance, String replaced) {
        return !instance.auth(PROVIDER).current().orElseThrow().value().equals(replaced);
    }

    private static boolean succeeded(Exchange call) {
        return call.getException() == null && call.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class) == 200;
    }

    /**
     * The failover time is measured here, from the kill to every sentinel naming the replica; an instance is
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
                int replica = redis.sentinelReplica();

                long killedAt = System.nanoTime();
                redis.kill(primary);
                redis.await(Duration.ofSeconds(30), () -> redis.sentinelsAllName(replica));
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
