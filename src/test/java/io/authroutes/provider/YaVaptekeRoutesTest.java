package io.authroutes.provider;

import static io.authroutes.testing.ProviderCalls.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.authroutes.auth.CredentialsRejectedException;
import io.authroutes.sandbox.YaVaptekeSimulator;
import io.authroutes.testing.CapturedLog;
import io.authroutes.testing.SandboxSpecification;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** yaVapteke as a properties block over routes/auth/oauth2-client-credentials.camel.yaml against the simulated API (seed 002), 5 s tokens. */
@CamelMainTest(propertyPlaceholderLocations = "file:application.properties", properties = {
        "sandbox.port=0", "sandbox.revokeProbability=0", "hawtio.enabled=false", "camel.management.enabled=false", "sandbox.tokenLifetime=5s",
        "camel.main.routes-include-pattern=file:routes/auth/*.camel.yaml",
        "providers.yv-wrong.kind=oauth2-client-credentials", "providers.yv-wrong.baseUrl={{providers.yavapteke.baseUrl}}",
        "providers.yv-wrong.tokenUrl={{providers.yavapteke.tokenUrl}}",
        "providers.yv-wrong.clientId=sandbox-client", "providers.yv-wrong.clientSecret=wrong-secret-e81",
        "providers.yv-doc.kind=oauth2-client-credentials", "providers.yv-doc.baseUrl={{providers.yavapteke.baseUrl}}",
        "providers.yv-doc.tokenUrl={{providers.yavapteke.tokenUrl}}", "providers.yv-doc.secretField=secret",
        "providers.yv-doc.clientId=sandbox-client", "providers.yv-doc.clientSecret=sandbox-secret"})
class YaVaptekeRoutesTest extends SandboxSpecification {


    private CapturedLog log;

    @BeforeEach
    void start() {
        log = CapturedLog.capture();
    }

    @AfterEach
    void noSecretInLog() {
        log.close();
        assertThat(log.text()).doesNotContain(YaVaptekeSimulator.CLIENT_SECRET, "wrong-secret-e81");
        calls.auth("yavapteke").current().ifPresent(token -> assertThat(log.text()).doesNotContain(token.value()));
    }

    private Exchange orders(String id) {
        return calls.call(id, "GET", "orders", null);
    }

    @Test
    void callsWhenTokensLiveFiveSecondsThenAMinuteOfCallsNeverSeesA401() {
        for (int second = 0; second < 60; second++) {
            assertThat(status(orders("yavapteke"))).isEqualTo(200);
            clock.advance(Duration.ofMillis(1000));
        }

        assertThat(calls.auth("yavapteke").stats().reauthentications()).isZero();
        assertThat(sandbox.yavapteke().tokenRequests("login")).isBetween(12, 15);
    }

    @Test
    void callWhenTokenRevokedThenOne401IsHealedByOneNewToken() {
        status(orders("yavapteke"));
        int before = sandbox.yavapteke().tokenRequests("login");
        sandbox.yavapteke().revokeAll();

        assertThat(status(orders("yavapteke"))).isEqualTo(200);
        assertThat(sandbox.yavapteke().tokenRequests("login") - before).isEqualTo(1);
    }

    @Test
    void callWhenSecretWrongThenInvalidClientFailsAtOnceNamingWhatToFix() {
        int before = sandbox.yavapteke().tokenRequests("login");

        Exchange failed = orders("yv-wrong");

        assertThat(failed.getException()).isInstanceOf(CredentialsRejectedException.class)
                .hasMessageContaining("yv-wrong: ").hasMessageContaining("HTTP 400, invalid_client")
                .hasMessageContaining("providers.yv-wrong.clientId and providers.yv-wrong.clientSecret")
                .hasMessageNotContaining("wrong-secret-e81");
        assertThat(sandbox.yavapteke().tokenRequests("login") - before).isEqualTo(1);
    }

    @Test
    void tokenWhenSecretFieldIsNamedSecretAsTheDocTableSaysThenAccepted() {
        assertThat(status(orders("yv-doc"))).isEqualTo(200);
    }
}
