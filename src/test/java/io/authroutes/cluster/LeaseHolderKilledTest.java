package io.authroutes.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.authroutes.auth.ProviderAuth;
import io.authroutes.testing.AppInstance;
import io.authroutes.testing.ClusterMember;
import io.authroutes.testing.RedisServer;
import io.authroutes.testing.RotatingTokenServer;
import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two JVMs on one Redis: the instance that holds the account's lease dies (kill -9) while its login is in
 * flight, and the other one obtains a token once the lease has run out, without waiting for anything else.
 */
class LeaseHolderKilledTest {

    @RegisterExtension
    static final RedisServer REDIS = RedisServer.open();
    private static final Duration TOKEN_TIMEOUT = Duration.ofSeconds(3);
    /** FlightLimits.forTokenTimeout: the request's timeout and 2 s for the rest. */
    private static final Duration LEASE = TOKEN_TIMEOUT.plusSeconds(2);

    @Test
    void leaseHolderKilledMidLoginThenAnotherInstanceObtainsATokenWithinTheLease() throws Exception {
        try (RotatingTokenServer server = new RotatingTokenServer();
             Cluster cluster = new Cluster(REDIS.uri(), server, RotatingTokenServer.PASSWORD)
                     .with("providers.mobilesmarts.tokenTimeout", TOKEN_TIMEOUT.toMillis() + "ms")) {
            AppInstance survivor = cluster.start(Clock.systemUTC());
            server.holdLogins();
            Process member = member(cluster.properties());
            try {
                assertThat(server.awaitLogin(120)).as("the other JVM's login reached the server").isTrue();
                member.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                long killedAt = System.nanoTime();
                server.answerLogins();
                ProviderAuth auth = survivor.auth("mobilesmarts");

                CompletableFuture.runAsync(() -> survivor.call("mobilesmarts", "items"));

                await().atMost(LEASE.plusSeconds(2)).until(() -> auth.current().isPresent());
                assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(LEASE.plusSeconds(1));
                assertThat(server.logins()).isEqualTo(2);
            } finally {
                member.destroyForcibly();
            }
        }
    }

    /** The app in a JVM of its own, with the test's classpath and the cluster's properties, making one call. */
    private static Process member(Map<String, String> properties) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-Dcamel.main.name=authroutes-member");
        command.addAll(List.of(ClusterMember.class.getName(), "mobilesmarts"));
        File output = new File("target/cluster-member.log");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output).start();
    }
}
