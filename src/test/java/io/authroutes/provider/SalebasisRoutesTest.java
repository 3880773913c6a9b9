package io.authroutes.provider;

import static io.authroutes.testing.ProviderCalls.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.authroutes.auth.Token;
import io.authroutes.auth.UnusableTokenAnswerException;
import io.authroutes.sandbox.SalebasisSimulator;
import io.authroutes.sandbox.SalebasisSimulator.ValidToFormat;
import io.authroutes.testing.CapturedLog;
import io.authroutes.testing.SandboxSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.camel.Exchange;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Salebasis through routes/auth/salebasis.camel.yaml against the simulated API (seed 003), 10 min
 * tokens, and a second account of the same kind beside the first.
 */
@CamelMainTest(propertyPlaceholderLocations = "file:application.properties", properties = {
        "sandbox.port=0", "sandbox.revokeProbability=0", "hawtio.enabled=false", "camel.management.enabled=false", "sandbox.tokenLifetime=10m",
        "camel.main.routes-include-pattern=file:routes/auth/*.camel.yaml",
        "providers.salebasis-b.kind=salebasis", "providers.salebasis-b.baseUrl={{providers.salebasis.baseUrl}}",
        "providers.salebasis-b.login=demo", "providers.salebasis-b.password=demo-password"})
class SalebasisRoutesTest extends SandboxSpecification {


    private CapturedLog log;

    @BeforeEach
    void start() {
        log = CapturedLog.capture();
    }

    @AfterEach
    void noSecretInLog() {
        log.close();
        assertThat(log.text()).doesNotContain(SalebasisSimulator.PASSWORD);
        sandbox.salebasis().revokedTokens().forEach(token -> assertThat(log.text()).doesNotContain(token));
        if (context.isStarted()) {
            calls.auth("salebasis").current().ifPresent(token -> assertThat(log.text()).doesNotContain(token.value()));
        }
    }

    private Exchange orders(String id) {
        return calls.call(id, "GET", "orders", null);
    }

    private void intoRenewalWindow() {
        clock.advance(Duration.ofMinutes(9).plusSeconds(30));
    }

    @Test
    void renewalWhenNearExpiryThenExtendedRatherThanLoggedInAgain() {
        status(orders("salebasis"));
        Token before = calls.auth("salebasis").current().orElseThrow();
        intoRenewalWindow();

        Token after = calls.auth("salebasis").renewNow();

        assertThat(after.value()).isEqualTo(before.value());
        assertThat(after.expiresAt()).isAfter(before.expiresAt());
        assertThat(sandbox.salebasis().tokenRequests("extend")).isEqualTo(1);
        assertThat(sandbox.salebasis().tokenRequests("login")).isEqualTo(1);
        assertThat(status(orders("salebasis"))).isEqualTo(200);
    }

    @Test
    void renewalWhenExtensionRefusedThenLoginInstead() {
        status(orders("salebasis"));
        Token before = calls.auth("salebasis").current().orElseThrow();
        sandbox.salebasis().revokeAll();
        intoRenewalWindow();

        Token after = calls.auth("salebasis").renewNow();

        assertThat(after.value()).isNotEqualTo(before.value());
        assertThat(sandbox.salebasis().tokenRequests("extend")).isEqualTo(1);
        assertThat(sandbox.salebasis().tokenRequests("login")).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(value = ValidToFormat.class, names = {"SPACED", "ISO_OFFSET", "ISO_LOCAL"})
    void loginWhenValidToInAUsualFormThenItIsTheExpiry(ValidToFormat format) {
        sandbox.salebasis().validToFormat(format);

        status(orders("salebasis"));

        Instant expected = clock.instant().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
        assertThat(calls.auth("salebasis").current().orElseThrow().expiresAt()).isEqualTo(expected);
    }

    @Test
    void loginWhenValidToUnreadableThenUnusableNamingWhatWasFoundAndTheTokenIsLoggedOut() {
        sandbox.salebasis().validToFormat(ValidToFormat.UNREADABLE);

        Exchange failed = orders("salebasis");

        // the documented day is for answers without validTo: one that cannot be read is not guessed at
        assertThat(failed.getException()).isInstanceOf(UnusableTokenAnswerException.class)
                .hasMessageContaining("field 'validTo' is").hasMessageContaining("expiresAtFormat=");
        await().until(() -> sandbox.salebasis().revokedTokens().size() == 1);
    }

    @Test
    void callWhenTokenRevokedThenOne401IsHealedByANewLogin() {
        status(orders("salebasis"));
        sandbox.salebasis().revokeAll();

        assertThat(status(orders("salebasis"))).isEqualTo(200);
        assertThat(sandbox.salebasis().tokenRequests("login")).isEqualTo(2);
    }

    @Test
    void twoAccountsOfOneKindThenEachHasItsOwnTokenAndCounters() {
        status(orders("salebasis"));
        status(orders("salebasis-b"));
        calls.auth("salebasis").invalidate();

        status(orders("salebasis"));
        status(orders("salebasis-b"));

        assertThat(calls.auth("salebasis").current().orElseThrow().value())
                .isNotEqualTo(calls.auth("salebasis-b").current().orElseThrow().value());
        assertThat(calls.auth("salebasis").stats().successful(io.authroutes.auth.TokenOperation.LOGIN)).isEqualTo(2);
        assertThat(calls.auth("salebasis-b").stats().successful(io.authroutes.auth.TokenOperation.LOGIN)).isEqualTo(1);
        assertThat(calls.auth("salebasis-b").stats().calls()).isEqualTo(2);
    }

    @Test
    void stopWhenTokensLiveThenEachIsRevokedOnceWithDelete() {
        status(orders("salebasis"));
        status(orders("salebasis-b"));
        String first = calls.auth("salebasis").current().orElseThrow().value();
        String second = calls.auth("salebasis-b").current().orElseThrow().value();

        context.stop();

        assertThat(sandbox.salebasis().revokedTokens()).containsExactlyInAnyOrder(first, second);
        assertThat(sandbox.salebasis().tokenRequests("revoke")).isEqualTo(2);
    }
}
