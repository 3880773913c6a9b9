package io.authroutes.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.authroutes.testing.AppInstance;
import io.authroutes.testing.RedisNodes;
import io.authroutes.testing.RotatingTokenServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.camel.health.HealthCheck;
import org.junit.jupiter.api.Test;

/**
 * README "Several instances", Sentinel: two instances on a primary, a replica and three sentinels; the primary
 * dies (SIGKILL) while calls run. Real time: a failover is Redis's own clock (down after 500 ms here).
 */
class SentinelFailoverTest {

    private static final String PROVIDER = "mobilesmarts";
    private static final Duration RETRY_AFTER = Duration.ofMillis(200);
    /** The longest pause between two reconnection attempts (RedisLink): an instance may be that late to see the new primary. */
    private static final Duration RECONNECT_DELAY = Duration.ofSeconds(2);

    @Test
    void primaryKilledUnderLoadThenNoCallFailsAndBothInstancesShareTokensOnTheNewPrimary() throws Exception {
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
                instances.forEach(instance -> await().atMost(Duration.ofSeconds(20))
                        .until(() -> CallsUnderLoad.storeHealth(instance) == HealthCheck.State.UP));
                Duration back = Duration.ofNanos(System.nanoTime() - killedAt);
                int loginsAcrossFailover = server.logins();
                // shared again: a revocation now costs the cluster one login, not one per instance
                server.revokeAll();
                load.awaitMoreCalls(200);

                assertThat(load.failed()).isZero();
                assertThat(loginsAcrossFailover).as("the first login and at most one for the failover").isBetween(1, 2);
                assertThat(server.logins()).isEqualTo(loginsAcrossFailover + 1);
                assertThat(back).isLessThanOrEqualTo(failover.plus(RETRY_AFTER).plus(RECONNECT_DELAY));
            }
        }
    }
}
