package io.authroutes.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.authroutes.testing.CapturedLog;
import io.authroutes.testing.SandboxSpecification;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.Configure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Stopping the application while a flow is mid-way (design, "Token lifecycle rules"): Camel's graceful
 * shutdown lets the flow finish its calls, and only then is the Salebasis token revoked.
 */
@CamelMainTest(propertyPlaceholderLocations = "file:application.properties", properties = {
        "sandbox.port=0", "sandbox.revokeProbability=0", "hawtio.enabled=false", "camel.management.enabled=false",
        "sandbox.tokenLifetime=10m", "camel.main.routes-include-pattern=file:routes/auth/*.camel.yaml"})
class ShutdownOrderTest extends SandboxSpecification {

    private final CountDownLatch midway = new CountDownLatch(1);
    private final CountDownLatch proceed = new CountDownLatch(1);
    /** How many revocations had reached the sandbox when the flow's second call came back. */
    private final List<Integer> revokedBeforeSecondCallEnded = new CopyOnWriteArrayList<>();
    private final CapturedLog log = CapturedLog.capture();

    @Configure
    protected void addFlow(MainConfigurationProperties configuration) {
        configuration.addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:two-orders").routeId("two-orders")
                        .setHeader(Exchange.HTTP_METHOD, constant("GET")).setHeader(Exchange.HTTP_PATH, constant("orders"))
                        .to("direct:salebasis")
                        .process(e -> {
                            midway.countDown();
                            assertThat(proceed.await(10, TimeUnit.SECONDS)).isTrue();
                        })
                        .to("direct:salebasis")
                        .process(e -> revokedBeforeSecondCallEnded.add(sandbox.salebasis().tokenRequests("revoke")));
            }
        });
    }

    @AfterEach
    void closeLog() {
        log.close();
    }

    @Test
    void aTokenIsRevokedOnlyAfterInFlightFlowsFinish() throws Exception {
        Future<Exchange> flow = context.createProducerTemplate().asyncSend("direct:two-orders", e -> { });
        assertThat(midway.await(10, TimeUnit.SECONDS)).isTrue();
        String token = calls.auth("salebasis").current().orElseThrow().value();

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(context::stop);
        // Camel's graceful shutdown is waiting for the flow: by now a revocation run on the stopping event would have happened
        await().atMost(Duration.ofSeconds(10)).until(() -> log.text().contains("inflight and pending exchanges to complete"));
        proceed.countDown();
        stopping.get(20, TimeUnit.SECONDS);

        Exchange finished = flow.get(1, TimeUnit.SECONDS);
        assertThat(finished.getException()).isNull();
        assertThat(finished.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)).isEqualTo(200);
        assertThat(sandbox.salebasis().tokenRequests("login")).isEqualTo(1);
        assertThat(revokedBeforeSecondCallEnded).containsExactly(0);
        assertThat(sandbox.salebasis().revokedTokens()).containsExactly(token);
    }
}
