package io.authroutes.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.authroutes.sandbox.Sandbox;
import io.authroutes.sandbox.SandboxSettings;
import io.authroutes.testing.AppInstance;
import io.authroutes.testing.RedisServer;
import io.authroutes.testing.RotatingTokenServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * README "Several instances", lifecycle: Salebasis revokes its token on stop (seed 003, DELETE /login), and
 * with a shared token only the last instance to stop may do so.
 */
class LastInstanceRevokesTest {

    @RegisterExtension
    static final RedisServer REDIS = RedisServer.open();

    private final Sandbox sandbox = Sandbox.start(new SandboxSettings(0, Duration.ofMinutes(10), 0), Clock.systemUTC());
    private final RotatingTokenServer unused = new RotatingTokenServer();
    private final Cluster cluster = new Cluster(REDIS.uri(), unused, RotatingTokenServer.PASSWORD)
            .with("providers.mobilesmarts.baseUrl", "")
            .with("providers.salebasis.baseUrl", sandbox.baseUri() + "/salebasis")
            // where the sandbox is, so its demo credentials may go there
            .with("sandbox.port", String.valueOf(sandbox.port()));

    LastInstanceRevokesTest() throws Exception {
    }

    @AfterEach
    void stop() throws Exception {
        cluster.close();
        unused.close();
        sandbox.close();
    }

    @Test
    void firstInstanceStopsThenTokenKeptForTheOtherAndLastInstanceStopsThenRevoked() throws Exception {
        List<AppInstance> instances = cluster.start(2, Clock.systemUTC());
        assertThat(status(instances.get(0).call("salebasis", "orders"))).isEqualTo(200);
        assertThat(status(instances.get(1).call("salebasis", "orders"))).isEqualTo(200);

        instances.get(0).close();

        assertThat(sandbox.salebasis().tokenRequests("revoke")).isZero();
        assertThat(status(instances.get(1).call("salebasis", "orders"))).isEqualTo(200);
        assertThat(sandbox.salebasis().tokenRequests("login")).isEqualTo(1);

        instances.get(1).close();

        assertThat(sandbox.salebasis().tokenRequests("revoke")).isEqualTo(1);
    }

    private static int status(Exchange exchange) {
        assertThat(exchange.getException()).isNull();
        return exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
    }
}
