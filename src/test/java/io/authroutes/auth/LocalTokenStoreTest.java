package io.authroutes.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.authroutes.auth.TokenStore.FlightLimits;
import io.authroutes.testing.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LocalTokenStoreTest {

    private static final TokenAccount ACCOUNT = TokenAccount.of("zont", URI.create("https://zont.example"), "ops");

    private final MutableClock clock = MutableClock.at("2030-01-01T00:00:00Z");
    private final LocalTokenStore store = new LocalTokenStore(clock);

    @Test
    void obtainOnceRunsTheRequestEveryTimeAndSharesNothing() {
        AtomicInteger requests = new AtomicInteger();
        Token token = Token.of("t", Instant.EPOCH, null);

        store.obtainOnce(ACCOUNT, null, refresh -> { requests.incrementAndGet(); return token; }, FlightLimits.forTokenTimeout(Duration.ofSeconds(1)));

        assertThat(requests).hasValue(1);
        assertThat(store.shared(ACCOUNT)).isEmpty();
        assertThat(store.leave(ACCOUNT)).as("a single instance is always the last").isTrue();
    }

    @Test
    void compareAndSetPolicyStateWhenExpectedIsStaleThenRefused() {
        assertThat(store.compareAndSetPolicyState(ACCOUNT, null, "refused:1", Duration.ZERO)).isTrue();

        assertThat(store.compareAndSetPolicyState(ACCOUNT, null, "refused:1", Duration.ZERO)).isFalse();
        assertThat(store.policyState(ACCOUNT)).contains("refused:1");
    }

    @Test
    void policyStateWithTtlRunsOutOnTheClock() {
        store.compareAndSetPolicyState(ACCOUNT, null, "backoff", Duration.ofSeconds(30));

        clock.advance(Duration.ofSeconds(30));

        assertThat(store.policyState(ACCOUNT)).isEmpty();
        assertThat(store.compareAndSetPolicyState(ACCOUNT, null, "backoff", Duration.ofSeconds(30))).isTrue();
    }

    @Test
    void accountsDifferWhenLoginOrServerDiffers() {
        URI server = URI.create("https://api.example.com");

        assertThat(TokenAccount.of("p", server, "alice")).isEqualTo(TokenAccount.of("p", server, "alice"))
                .isNotEqualTo(TokenAccount.of("p", server, "bob"))
                .isNotEqualTo(TokenAccount.of("p", URI.create("https://sandbox.example.com"), "alice"));
    }
}
