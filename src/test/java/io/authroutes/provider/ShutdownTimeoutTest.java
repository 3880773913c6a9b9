package io.authroutes.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.authroutes.testing.SandboxSpecification;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.Configure;
import org.junit.jupiter.api.Test;

/**
 * A flow that outlasts {@code camel.main.shutdown-timeout}: Camel forces the drain, and the Salebasis token
 * is still revoked afterwards, within the revocation's own time.
 */
@CamelMainTest(propertyPlaceholderLocations = "file:application.properties", properties = {
        "sandbox.port=0", "sandbox.revokeProbability=0", "hawtio.enabled=false", "camel.management.enabled=false",
        "sandbox.tokenLifetime=10m", "camel.main.routes-include-pattern=file:routes/auth/*.camel.yaml",
        "camel.main.shutdown-timeout=1"})
class ShutdownTimeoutTest extends SandboxSpecification {

    private final CountDownLatch midway = new CountDownLatch(1);
    private final CountDownLatch never = new CountDownLatch(1);

    @Configure
    protected void addFlow(MainConfigurationProperties configuration) {
        configuration.addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:stuck-order").routeId("stuck-order")
                        .setHeader(Exchange.HTTP_METHOD, constant("GET")).setHeader(Exchange.HTTP_PATH, constant("orders"))
                        .to("direct:salebasis")
                        .process(e -> {
                            midway.countDown();
                            never.await(30, TimeUnit.SECONDS);
                        });
            }
        });
    }

    @Test
    void flowOutlastingTheShutdownTimeoutThenTheTokenIsStillRevoked() throws Exception {
        context.createProducerTemplate().asyncSend("direct:stuck-order", e -> { });
        assertThat(midway.await(10, TimeUnit.SECONDS)).isTrue();
        String token = calls.auth("salebasis").current().orElseThrow().value();

        context.stop();
        never.countDown();

        assertThat(sandbox.salebasis().tokenRequests("revoke")).isEqualTo(1);
        assertThat(sandbox.salebasis().revokedTokens()).containsExactly(token);
    }
}
