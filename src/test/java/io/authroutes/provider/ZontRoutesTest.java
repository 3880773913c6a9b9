package io.authroutes.provider;

import static io.authroutes.testing.ProviderCalls.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.authroutes.auth.CredentialsRejectedException;
import io.authroutes.auth.TokenEndpointUnavailableException;
import io.authroutes.auth.TokenRejectedException;
import io.authroutes.sandbox.ZontSimulator;
import io.authroutes.testing.CapturedLog;
import io.authroutes.testing.SandboxSpecification;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.apache.camel.Exchange;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ZONT through routes/auth/zont.camel.yaml against the simulated API (seed 000). */
@CamelMainTest(propertyPlaceholderLocations = "file:application.properties", properties = {
        "sandbox.port=0", "sandbox.revokeProbability=0", "hawtio.enabled=false", "camel.management.enabled=false",
        "camel.main.routes-include-pattern=file:routes/auth/*.camel.yaml",

        "providers.zont-wrong.kind=zont", "providers.zont-wrong.baseUrl={{providers.zont.baseUrl}}",
        "providers.zont-wrong.login=demo", "providers.zont-wrong.password=not-the-password-9z",
        "providers.zont-wrong.client=dev@example.com",
        "providers.zont-pre.kind=zont", "providers.zont-pre.baseUrl={{providers.zont.baseUrl}}",
        "providers.zont-pre.client=dev@example.com", "providers.zont-pre.token=pre-obtained-token-4f1c"})
class ZontRoutesTest extends SandboxSpecification {

    private static final String DEVICES = "{\"load_io\": true}";

    private CapturedLog log;

    @BeforeEach
    void start() {
        log = CapturedLog.capture();
    }

    @AfterEach
    void noSecretInLog() {
        log.close();
        assertThat(log.text()).doesNotContain(ZontSimulator.PASSWORD, "not-the-password-9z", "pre-obtained-token-4f1c");
        calls.auth("zont").current().ifPresent(token -> assertThat(log.text()).doesNotContain(token.value()));
    }

    private Exchange devices(String id) {
        return calls.call(id, "POST", "devices", DEVICES);
    }

    @Test
    void callsWhen16CallersMake200CallsThenOneTokenRequest() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Integer>> results = IntStream.range(0, 200).mapToObj(i -> CompletableFuture.supplyAsync(() -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return status(devices("zont"));
        }, callers)).toList();
        go.countDown();

        assertThat(results.stream().map(CompletableFuture::join)).hasSize(200).containsOnly(200);
        assertThat(sandbox.zont().tokenRequests("login")).isEqualTo(1);
        callers.shutdownNow();
    }

    @Test
    void callWhenAnsweredThenBodyAndStatusComeBackWithoutTheToken() {
        Exchange answer = devices("zont");

        assertThat(status(answer)).isEqualTo(200);
        assertThat(answer.getMessage().getBody(String.class)).contains("\"ok\":true").contains("devices");
        assertThat(answer.getMessage().getHeader("X-ZONT-Token")).isNull();
        assertThat(answer.getMessage().getHeader("Authorization")).isNull();
    }

    @Test
    void callWhenTokenRevokedThenOne403IsHealedByExactlyOneNewToken() {
        status(devices("zont"));
        sandbox.zont().revokeAll();

        assertThat(status(devices("zont"))).isEqualTo(200);
        assertThat(status(devices("zont"))).isEqualTo(200);
        assertThat(sandbox.zont().tokenRequests("login")).isEqualTo(2);
        assertThat(calls.auth("zont").stats().reauthentications()).isEqualTo(1);
    }

    @Test
    void callWhenPasswordWrongThenFailsAtOnceNamingWhatToFix() {
        Exchange failed = devices("zont-wrong");

        assertThat(failed.getException()).isInstanceOf(CredentialsRejectedException.class)
                .hasMessageStartingWith("zont-wrong: ")
                .hasMessageContaining("HTTP 403").hasMessageContaining("auth_failed: Неверный логин или пароль")
                .hasMessageContaining("providers.zont-wrong.login and providers.zont-wrong.password")
                .hasMessageNotContaining("not-the-password-9z");
    }

    @Test
    void callWhenConfiguredTokenRejectedWithoutPasswordThenSaysHowToGetANewOne() {
        Exchange failed = devices("zont-pre");

        assertThat(failed.getException()).isInstanceOf(TokenRejectedException.class)
                .hasMessageContaining("providers.zont-pre.token").hasMessageContaining("HTTP 403")
                .hasMessageContaining("providers.zont-pre.login is not set")
                .hasMessageContaining("java -jar target/authroutes.jar token zont-pre");
    }

    @Test
    void callWhenTokenEndpointDownThenOneRequestPerBackoffStepAndCallersFailFastOnceTheNextIsBeyondTheirWait() {
        sandbox.zont().failTokenEndpoint(1000, 503);

        // steps of about 0.2, 0.4 and 0.8 s fit in the 2 s a call may wait, the fourth does not
        assertThat(devices("zont").getException()).isInstanceOf(TokenEndpointUnavailableException.class)
                .hasMessageContaining("HTTP 503");
        assertThat(sandbox.zont().tokenRequests("login")).isEqualTo(4);
        // the next caller waits for the step due within its 2 s, and that is the only request it causes
        assertThat(devices("zont").getException()).isInstanceOf(TokenEndpointUnavailableException.class);
        assertThat(sandbox.zont().tokenRequests("login")).isEqualTo(5);
        assertThat(devices("zont").getException()).isInstanceOf(TokenEndpointUnavailableException.class)
                .hasMessageContaining("no login attempt before");
        assertThat(sandbox.zont().tokenRequests("login")).isEqualTo(5);

        sandbox.zont().failTokenEndpoint(0, 503);
        clock.advance(Duration.ofSeconds(31));
        assertThat(status(devices("zont"))).isEqualTo(200);
        assertThat(sandbox.zont().tokenRequests("login")).isEqualTo(6);
    }
}
