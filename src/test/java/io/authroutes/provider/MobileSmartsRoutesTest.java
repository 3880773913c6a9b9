package io.authroutes.provider;

import static io.authroutes.testing.ProviderCalls.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.authroutes.sandbox.MobileSmartsSimulator;
import io.authroutes.testing.CapturedLog;
import io.authroutes.testing.SandboxSpecification;
import java.time.Duration;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.model.Model;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Mobile SMARTS through routes/auth/mobilesmarts.camel.yaml against the simulated API (seed 001), 10 min tokens. */
@CamelMainTest(propertyPlaceholderLocations = "file:application.properties", properties = {
        "sandbox.port=0", "sandbox.revokeProbability=0", "hawtio.enabled=false", "camel.management.enabled=false", "sandbox.tokenLifetime=10m",
        "camel.main.routes-include-pattern=file:routes/auth/*.camel.yaml",
        "providers.ms-session.kind=mobilesmarts", "providers.ms-session.grant=session",
        "providers.ms-session.baseUrl={{providers.mobilesmarts.baseUrl}}", "providers.ms-session.tokenUrl={{providers.mobilesmarts.tokenUrl}}",
        "providers.ms-session.username=demo", "providers.ms-session.password=demo-password",
        "providers.ms-basic.kind=mobilesmarts", "providers.ms-basic.grant=basic",
        "providers.ms-basic.baseUrl={{providers.mobilesmarts.baseUrl}}", "providers.ms-basic.tokenUrl={{providers.mobilesmarts.tokenUrl}}",
        "providers.ms-basic.username=demo", "providers.ms-basic.password=demo-password"})
class MobileSmartsRoutesTest extends SandboxSpecification {


    private CapturedLog log;

    @BeforeEach
    void start() {
        log = CapturedLog.capture();
    }

    @AfterEach
    void noSecretInLog() {
        log.close();
        assertThat(log.text()).doesNotContain(MobileSmartsSimulator.PASSWORD, MobileSmartsSimulator.CLIENT_SECRET);
        calls.auth("mobilesmarts").current().ifPresent(token -> assertThat(log.text())
                .doesNotContain(token.value()).doesNotContain(token.refreshToken()));
    }

    private Exchange documents(String id) {
        return calls.call(id, "GET", "Docs", null);
    }

    private void intoRenewalWindow() {
        clock.advance(Duration.ofMinutes(9).plusSeconds(30));
    }

    @Test
    void callWhenEachGrantThenDocumentsComeBackAsAnODataList() {
        for (String id : new String[] {"mobilesmarts", "ms-session", "ms-basic"}) {
            Exchange answer = documents(id);
            assertThat(status(answer)).as(id).isEqualTo(200);
            assertThat(answer.getMessage().getBody(String.class)).as(id).contains("\"value\"").contains("Приход 1042");
        }
    }

    @Test
    void renewalWhenNearExpiryThenRefreshNotLogin() {
        status(documents("mobilesmarts"));
        intoRenewalWindow();

        assertThat(status(documents("mobilesmarts"))).isEqualTo(200);

        await().until(() -> sandbox.mobilesmarts().tokenRequests("refresh") == 1);
        assertThat(sandbox.mobilesmarts().tokenRequests("login")).isEqualTo(1);
    }

    @Test
    void renewalWhenRefreshTokenRotatesThenEachRefreshUsesTheNewOne() {
        status(documents("mobilesmarts"));
        for (int round = 1; round <= 3; round++) {
            intoRenewalWindow();
            calls.auth("mobilesmarts").renewNow();
            assertThat(status(documents("mobilesmarts"))).isEqualTo(200);
        }

        assertThat(sandbox.mobilesmarts().tokenRequests("refresh")).isEqualTo(3);
        assertThat(sandbox.mobilesmarts().tokenRequests("login")).isEqualTo(1);
    }

    @Test
    void renewalWhenRefreshAnswerHasNoRefreshTokenThenTheOldOneKeepsWorking() {
        sandbox.mobilesmarts().rotateRefreshTokens(false);
        status(documents("mobilesmarts"));
        String refreshToken = calls.auth("mobilesmarts").current().orElseThrow().refreshToken();
        for (int round = 1; round <= 2; round++) {
            intoRenewalWindow();
            calls.auth("mobilesmarts").renewNow();
        }

        assertThat(calls.auth("mobilesmarts").current().orElseThrow().refreshToken()).isEqualTo(refreshToken);
        assertThat(sandbox.mobilesmarts().tokenRequests("refresh")).isEqualTo(2);
        assertThat(sandbox.mobilesmarts().tokenRequests("login")).isEqualTo(1);
    }

    @Test
    void renewalWhenRefreshTokenRejectedThenFullLogin() {
        status(documents("mobilesmarts"));
        sandbox.mobilesmarts().forgetRefreshTokens();
        intoRenewalWindow();

        calls.auth("mobilesmarts").renewNow();

        assertThat(sandbox.mobilesmarts().tokenRequests("refresh")).isEqualTo(1);
        assertThat(sandbox.mobilesmarts().tokenRequests("login")).isEqualTo(2);
        assertThat(status(documents("mobilesmarts"))).isEqualTo(200);
    }

    @Test
    void callWhenTokenRevokedThenOne401IsHealed() {
        status(documents("mobilesmarts"));
        sandbox.mobilesmarts().revokeAll();

        assertThat(status(documents("mobilesmarts"))).isEqualTo(200);
        assertThat(calls.auth("mobilesmarts").stats().reauthentications()).isEqualTo(1);
    }

    @Test
    void sessionGrantWhenPasswordTravelsInTheQueryThenNoEndpointUriOrRouteHoldsIt() throws Exception {
        status(documents("ms-session"));

        for (Endpoint endpoint : context.getEndpoints()) {
            assertThat(endpoint.getEndpointUri()).doesNotContain(MobileSmartsSimulator.PASSWORD);
        }
        String routes = context.getCamelContextExtension().getContextPlugin(Model.class).getRouteDefinitions().toString();
        assertThat(routes).contains("ms-session.token").doesNotContain(MobileSmartsSimulator.PASSWORD);
    }
}
