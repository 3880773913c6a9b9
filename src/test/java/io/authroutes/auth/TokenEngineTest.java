package io.authroutes.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.authroutes.testing.MutableClock;
import java.time.Clock;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The engine builds each provider's auth itself from what its host (Camel) knows, and asks the host nothing twice. */
class TokenEngineTest {

    private final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
    private final Map<String, String> properties = Map.of(
            "providers.acme.baseUrl", "https://api.acme.example",
            "providers.acme.clientSecret", "cs-acme-7a1f",
            "providers.zeta.baseUrl", "https://api.zeta.example");
    private final CountingHost host = new CountingHost();
    private final TokenEngine engine = new TokenEngine(host);

    @Test
    void providerAskedAgainThenTheSameAuthAndOneStoreForEveryProvider() {
        ProviderAuth acme = engine.provider("acme");

        assertThat(engine.provider("acme")).isSameAs(acme);
        engine.provider("zeta");
        assertThat(engine.providers()).hasSize(2);
        assertThat(host.closes).as("one store for the application").hasSize(1);
        assertThat(host.endpointsMade).containsExactly("acme", "zeta");
    }

    @Test
    void clockBoundThenTokensAreDatedByItAndItsEndpointIsGivenIt() {
        Token token = engine.provider("acme").token();

        assertThat(engine.clock()).isSameAs(clock);
        assertThat(token.obtainedAt()).isEqualTo(clock.instant());
    }

    @Test
    void storeClosedThenClosedOnceAndOpenedAgainOnNextUse() {
        engine.provider("acme");

        engine.closeStore();
        engine.closeStore();
        engine.store();

        assertThat(host.closes).extracting(AtomicInteger::get).containsExactly(1, 0);
    }

    @Test
    void secretOptionDeclaredByAStepThenItsValueIsMaskedForThatProvider() {
        engine.declare("acme", new CredentialOption("clientSecret", true, true));

        assertThat(engine.redactor("acme").redact("invalid_client: cs-acme-7a1f")).doesNotContain("cs-acme-7a1f");
        assertThat(engine.credentials("acme")).extracting(CredentialOption::name).contains("clientSecret");
        assertThat(engine.credentials("zeta")).extracting(CredentialOption::name).doesNotContain("clientSecret");
    }

    /** Binds the test's clock as Clock, MonotonicClock and Pause, as a specification's registry would. */
    private final class CountingHost implements TokenEngine.Host {

        /** One per store opened, in order: how often it was closed. */
        final List<AtomicInteger> closes = new ArrayList<>();
        final List<String> endpointsMade = new ArrayList<>();

        @Override
        public Optional<String> property(String key) {
            return Optional.ofNullable(properties.get(key));
        }

        @Override
        public <T> Optional<T> bound(Class<T> type) {
            if (type == Pause.class) {
                return Optional.of(type.cast((Pause) clock::advanceTo));
            }
            return type.isInstance(clock) ? Optional.of(type.cast(clock)) : Optional.empty();
        }

        @Override
        public Executor tokenThreads() {
            return Runnable::run;
        }

        @Override
        public TokenEndpoint tokenEndpoint(String providerId, Clock endpointClock) {
            endpointsMade.add(providerId);
            return new ScriptedTokenEndpoint(endpointClock);
        }

        /** The local store, counting how often it is closed. */
        @Override
        public TokenStore openStore(Clock storeClock) {
            TokenStore local = new LocalTokenStore(storeClock);
            AtomicInteger closed = new AtomicInteger();
            TokenStore store = (TokenStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {TokenStore.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("close")) {
                            closed.incrementAndGet();
                        }
                        return method.invoke(local, args);
                    });
            closes.add(closed);
            return store;
        }

        @Override
        public Duration callLimit() {
            return Duration.ZERO;
        }
    }
}
