package io.authroutes.auth;

import static io.authroutes.auth.TokenOperation.EXTEND;
import static io.authroutes.auth.TokenOperation.LOGIN;
import static io.authroutes.auth.TokenOperation.REFRESH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authroutes.testing.CapturedLog;
import io.authroutes.testing.MutableClock;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProviderAuthTest {

    private final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
    private final TokenCache cache = new TokenCache(clock);
    private final ExecutorService threads = Executors.newCachedThreadPool();
    /** The shipped numbers without jitter, so the times a test expects are exact. */
    static final FailureSettings FAILURES = new FailureSettings(
            new BackoffSchedule(Duration.ofMillis(200), Duration.ofSeconds(30), 0),
            new BackoffSchedule(Duration.ofSeconds(30), Duration.ofMinutes(15), 0),
            Duration.ofSeconds(2), Duration.ofSeconds(10));

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private ProviderAuth provider(String id, TokenEndpoint endpoint) {
        return provider(id, endpoint, ConfiguredToken.from(properties(id, Map.of())));
    }

    private ProviderAuth provider(String id, TokenEndpoint endpoint, ConfiguredToken configured) {
        ProviderSettings settings = new ProviderSettings(id, URI.create("https://api.example.com"),
                new ExpiryPolicy(Duration.ofSeconds(60)), 1, FAILURES, Duration.ofSeconds(10));
        return new ProviderAuth(settings, endpoint, configured, new Redactor(List.of()), cache,
                SharedAccount.alone(id, clock), new AuthRuntime(clock, clock, clock::advanceTo, threads, new Random(1)));
    }

    /** A provider on a shared store whose lease no replica confirmed: every request is told not to refresh. */
    private ProviderAuth onUnconfirmedLease(String id, TokenEndpoint endpoint) {
        TokenStore local = new LocalTokenStore(clock);
        TokenStore unconfirmed = (TokenStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {TokenStore.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "isShared" -> true;
                    case "obtainOnce" -> ((TokenStore.Request) args[2]).run(TokenStore.RefreshUse.NOT_ALLOWED);
                    default -> method.invoke(local, args);
                });
        ProviderSettings settings = new ProviderSettings(id, URI.create("https://api.example.com"),
                new ExpiryPolicy(Duration.ofSeconds(60)), 1, FAILURES, Duration.ofSeconds(10));
        SharedAccount shared = new SharedAccount(new StoreFallback(unconfirmed, "redis", Duration.ofSeconds(5)),
                new TokenAccount(id, "ops"), TokenStore.FlightLimits.forTokenTimeout(Duration.ofSeconds(10)), clock);
        return new ProviderAuth(settings, endpoint, ConfiguredToken.from(properties(id, Map.of())), new Redactor(List.of()), cache,
                shared, new AuthRuntime(clock, clock, clock::advanceTo, threads, new Random(1)));
    }

    private static ProviderProperties properties(String id, Map<String, String> values) {
        return new ProviderProperties(id, key -> Optional.ofNullable(values.get(key)));
    }

    @Test
    void tokenWhen64CallersRaceThenOneTokenRequest() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ScriptedTokenEndpoint endpoint = new ScriptedTokenEndpoint(clock).holdUntil(release);
        ProviderAuth auth = provider("p", endpoint);
        CountDownLatch ready = new CountDownLatch(64);
        ExecutorService callers = Executors.newFixedThreadPool(64);
        List<CompletableFuture<Token>> tokens = IntStream.range(0, 64).mapToObj(i -> CompletableFuture.supplyAsync(() -> {
            ready.countDown();
            return auth.token();
        }, callers)).toList();
        assertThat(ready.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(endpoint.entered.await(5, TimeUnit.SECONDS)).isTrue();
        release.countDown();

        assertThat(tokens.stream().map(CompletableFuture::join).map(Token::value).distinct()).containsExactly("login-1");
        assertThat(endpoint.requests(LOGIN)).isEqualTo(1);
        callers.shutdownNow();
    }

    @Test
    void tokenWhenInsideSkewThenCurrentTokenReturnedAtOnceWhileOneRenewalRuns() throws Exception {
        ScriptedTokenEndpoint endpoint = new ScriptedTokenEndpoint(clock).lifetime(Duration.ofMinutes(10));
        ProviderAuth auth = provider("p", endpoint);
        Token first = auth.token();
        CountDownLatch release = new CountDownLatch(1);
        endpoint.holdUntil(release);
        clock.advance(Duration.ofMinutes(9).plusSeconds(10));

        assertThat(auth.token()).isEqualTo(first);
        assertThat(auth.token()).isEqualTo(first);
        assertThat(auth.status().state()).isEqualTo(AuthState.RENEWING);
        release.countDown();

        org.awaitility.Awaitility.await().until(() -> !auth.token().equals(first));
        assertThat(endpoint.requests(LOGIN)).isEqualTo(2);
    }

    @Test
    void tokenWhenMoreThanSkewRemainsThenNoRenewal() {
        ScriptedTokenEndpoint endpoint = new ScriptedTokenEndpoint(clock).lifetime(Duration.ofMinutes(10));
        ProviderAuth auth = provider("p", endpoint);
        Token first = auth.token();
        clock.advance(Duration.ofMinutes(8).plusSeconds(59));

        assertThat(auth.token()).isEqualTo(first);
        assertThat(endpoint.requests(LOGIN)).isEqualTo(1);
    }

    @Test
    void tokenWhenExpiredThenCallerWaitsForNewOne() {
        ScriptedTokenEndpoint endpoint = new ScriptedTokenEndpoint(clock).lifetime(Duration.ofMinutes(10));
        ProviderAuth auth = provider("p", endpoint);
        Token first = auth.token();
        clock.advance(Duration.ofMinutes(11));

        Token next = auth.token();

        assertThat(next).isNotEqualTo(first);
        assertThat(next.isExpiredAt(clock.instant())).isFalse();
    }

    @Test
    void tokenWhenOneProviderEndpointHangsThenAnotherProviderIsServed() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        ScriptedTokenEndpoint slow = new ScriptedTokenEndpoint(clock).holdUntil(never);
        ProviderAuth stuck = provider("slow", slow);
        ProviderAuth fine = provider("fine", new ScriptedTokenEndpoint(clock));
        CompletableFuture.runAsync(stuck::token, threads);
        assertThat(slow.entered.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(fine.token().value()).isEqualTo("login-1");
        never.countDown();
    }

    @Test
    void rejectedWhenTokenStillCachedThenNextCallObtainsNewOne() {
        ScriptedTokenEndpoint endpoint = new ScriptedTokenEndpoint(clock);
        ProviderAuth auth = provider("p", endpoint);
        Token first = auth.token();

        auth.rejected(first, 401);

        assertThat(auth.token()).isNotEqualTo(first);
        assertThat(endpoint.requests(LOGIN)).isEqualTo(2);
        assertThat(auth.stats().reauthentications()).isEqualTo(1);
    }

    @Test
    void rejectedWhenNewerTokenAlreadyCachedThenItIsKeptAndNoAcquisition() {
        ScriptedTokenEndpoint endpoint = new ScriptedTokenEndpoint(clock);
        ProviderAuth auth = provider("p", endpoint);
        Token stale = auth.token();
        auth.rejected(stale, 401);
        Token newer = auth.token();

        auth.rejected(stale, 401);

        assertThat(auth.token()).isEqualTo(newer);
        assertThat(endpoint.requests(LOGIN)).isEqualTo(2);
    }

    @Test
    void rejectedWhileItsRenewalRunsThenTheRetryJoinsThatRenewalAndNoSecondTokenRequest() throws Exception {
        ScriptedTokenEndpoint endpoint = new ScriptedTokenEndpoint(clock, REFRESH).lifetime(Duration.ofMinutes(10));
        ProviderAuth auth = provider("p", endpoint);
        Token first = auth.token();
        CountDownLatch release = new CountDownLatch(1);
        endpoint.holdUntil(release);
        clock.advance(Duration.ofMinutes(9).plusSeconds(15));
        assertThat(auth.token()).isSameAs(first);

        auth.rejected(first, 401);
        CompletableFuture<Token> retry = CompletableFuture.supplyAsync(auth::token, threads);
        release.countDown();

        assertThat(retry.get(10, TimeUnit.SECONDS).value()).startsWith("refresh-");
        assertThat(endpoint.requests(REFRESH)).isEqualTo(1);
        assertThat(endpoint.requests(LOGIN)).isEqualTo(1);
        assertThat(auth.current()).map(Token::value).contains(retry.get().value());
    }

    @Test
    void renewWhenRefreshTokenHeldThenRefreshNotLogin() {
        ScriptedTokenEndpoint endpoint = new ScriptedTokenEndpoint(clock, REFRESH);
        ProviderAuth auth = provider("p", endpoint);
        auth.token();

        Token renewed = auth.renewNow();

        assertThat(renewed.value()).startsWith("refresh-");
        assertThat(endpoint.requests(REFRESH)).isEqualTo(1);
        assertThat(endpoint.requests(LOGIN)).isEqualTo(1);
    }

    @Test
    void renewWhenRefreshAnswerHasNoRefreshTokenThenOldOneIsKept() {
        ScriptedTokenEndpoint endpoint = new ScriptedTokenEndpoint(clock, REFRESH)
                .thenAnswer(REFRESH, Token.of("fresh", clock.instant(), clock.instant().plusSeconds(600)));
        ProviderAuth auth = provider("p", endpoint);
        Token first = auth.token();

        Token renewed = auth.renewNow();

        assertThat(renewed.value()).isEqualTo("fresh");
        assertThat(renewed.refreshToken()).isEqualTo(first.refreshToken());
    }

    @Test
    void renewWhenRefreshRejectedThenFallsBackToLogin() {
        ScriptedTokenEndpoint endpoint = new ScriptedTokenEndpoint(clock, REFRESH)
                .thenFail(REFRESH, new CredentialsRejectedException("p", 400, "invalid_grant"));
        ProviderAuth auth = provider("p", endpoint);
        auth.token();

        Token renewed = auth.renewNow();

        assertThat(renewed.value()).isEqualTo("login-2");
        assertThat(endpoint.requests(REFRESH)).isEqualTo(1);
    }

    @Test
    void renewWhenTheStoreForbidsTheRefreshTokenThenLoginAlthoughOneIsAtHand() {
        ScriptedTokenEndpoint endpoint = new ScriptedTokenEndpoint(clock, REFRESH);
        ProviderAuth auth = onUnconfirmedLease("p", endpoint);
        assertThat(auth.token().refresh()).isPresent();

        Token renewed = auth.renewNow();

        assertThat(renewed.value()).isEqualTo("login-2");
        assertThat(endpoint.requests(REFRESH)).as("refresh tokens presented").isZero();
        assertThat(endpoint.requests(LOGIN)).isEqualTo(2);
        assertThat(auth.status().state()).isEqualTo(AuthState.VALID);
    }

    @Test
    void renewWhenTheStoreForbidsTheRefreshTokenAndTheLoginIsRefusedThenItCountsAsARefusedLogin() {
        ScriptedTokenEndpoint endpoint = new ScriptedTokenEndpoint(clock, REFRESH);
        ProviderAuth auth = onUnconfirmedLease("p", endpoint);
        auth.token();
        endpoint.thenFail(LOGIN, new CredentialsRejectedException("p", 400, "invalid_grant; check providers.p.password"));

        assertThatThrownBy(auth::renewNow).isInstanceOf(CredentialsRejectedException.class);

        assertThat(endpoint.requests(REFRESH)).isZero();
        assertThat(auth.status().state()).isEqualTo(AuthState.CREDENTIALS_REFUSED);
        assertThat(auth.status().nextAttemptAt()).contains(clock.instant().plusSeconds(30));
    }

    @Test
    void renewWhenExtensionOfferedThenExtendNotLogin() {
        ScriptedTokenEndpoint endpoint = new ScriptedTokenEndpoint(clock, EXTEND);
        ProviderAuth auth = provider("p", new NoRefreshTokens(endpoint));
        auth.token();

        assertThat(auth.renewNow().value()).startsWith("extend-");
        assertThat(endpoint.requests(LOGIN)).isEqualTo(1);
    }

    @Test
    void renewWhenExtensionFailsThenFallsBackToLogin() {
        ScriptedTokenEndpoint endpoint = new ScriptedTokenEndpoint(clock, EXTEND)
                .thenFail(EXTEND, new CredentialsRejectedException("p", 404, "unknown token"));
        ProviderAuth auth = provider("p", new NoRefreshTokens(endpoint));
        auth.token();

        assertThat(auth.renewNow().value()).startsWith("login-");
        assertThat(endpoint.requests(LOGIN)).isEqualTo(2);
    }

    @Test
    void renewWhenExtensionUnavailableAndLoginSucceedsThenStateIsValidNotBackingOff() {
        ScriptedTokenEndpoint endpoint = new ScriptedTokenEndpoint(clock, EXTEND)
                .thenFail(EXTEND, new TokenEndpointUnavailableException("p", "HTTP 503", null, Duration.ofMinutes(5)));
        ProviderAuth auth = provider("p", new NoRefreshTokens(endpoint));
        auth.token();

        assertThat(auth.renewNow().value()).isEqualTo("login-2");

        // the extension backed off over a token that a login has replaced: nothing is held back any more
        assertThat(auth.status().state()).isEqualTo(AuthState.VALID);
        assertThat(auth.status().nextAttemptAt()).isEmpty();
        assertThat(auth.status().untilNextAttempt()).isZero();
        assertThat(auth.status().healthy()).isTrue();
    }

    @Test
    void renewWhenRefreshUnavailableAndLoginSucceedsThenStateIsValidNotBackingOff() {
        ScriptedTokenEndpoint endpoint = new ScriptedTokenEndpoint(clock, REFRESH)
                .thenFail(REFRESH, new TokenEndpointUnavailableException("p", "HTTP 503", null));
        ProviderAuth auth = provider("p", endpoint);
        auth.token();

        assertThat(auth.renewNow().value()).isEqualTo("login-2");

        assertThat(auth.status().state()).isEqualTo(AuthState.VALID);
        assertThat(auth.policy().worst()).isEmpty();
    }

    @Test
    void tokenWhenLoginFailsThenNoLibraryLogsTheTypedFailureWithAStackTrace() {
        ScriptedTokenEndpoint endpoint = new ScriptedTokenEndpoint(clock)
                .failing(LOGIN, () -> new CredentialsRejectedException("p", 400, "invalid_client"));
        ProviderAuth auth = provider("p", endpoint);
        List<LogRecord> julRecords = new CopyOnWriteArrayList<>();
        Handler jul = new Handler() {
            @Override
            public void publish(LogRecord record) {
                julRecords.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger julRoot = LogManager.getLogManager().getLogger("");
        julRoot.addHandler(jul);
        // every logger at every level, the ones the shipped log4j2.xml quietens included
        Configurator.setAllLevels("", Level.ALL);
        try (CapturedLog log = CapturedLog.capture()) {
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(auth::token).isInstanceOf(CredentialsRejectedException.class);
                clock.advance(Duration.ofMinutes(15));
            }
            assertThat(julRecords).noneMatch(record -> record.getThrown() != null);
            assertThat(log.text()).doesNotContain("CredentialsRejectedException");
        } finally {
            julRoot.removeHandler(jul);
            Configurator.reconfigure();
        }
    }

    @Test
    void tokenWhenCredentialsRejectedThenFailsAtOnceAndNextLoginWaits30Seconds() {
        ScriptedTokenEndpoint endpoint = new ScriptedTokenEndpoint(clock)
                .thenFail(LOGIN, new CredentialsRejectedException("p", 400, "invalid_client; check providers.p.clientSecret"));
        ProviderAuth auth = provider("p", endpoint);

        assertThatThrownBy(auth::token).isInstanceOf(CredentialsRejectedException.class)
                .hasMessageContaining("providers.p.clientSecret");
        assertThatThrownBy(auth::token).isInstanceOf(CredentialsRejectedException.class)
                .hasMessageContaining("providers.p.clientSecret").hasMessageContaining("renewNow()");
        assertThat(endpoint.requests(LOGIN)).isEqualTo(1);
        assertThat(auth.status().credentialsRejected()).isTrue();
        assertThat(auth.status().state()).isEqualTo(AuthState.CREDENTIALS_REFUSED);
        assertThat(auth.status().nextAttemptAt()).contains(clock.instant().plusSeconds(30));

        clock.advance(Duration.ofSeconds(30));
        assertThat(auth.token().value()).isEqualTo("login-1");
        assertThat(auth.status().state()).isEqualTo(AuthState.VALID);
    }

    @Test
    void tokenWhenEndpointDownThenCallerWaitsForBackoffStepsWithinItsBudgetThenFailsFast() {
        ScriptedTokenEndpoint endpoint = new ScriptedTokenEndpoint(clock);
        for (int i = 0; i < 10; i++) {
            endpoint.thenFail(LOGIN, new TokenEndpointUnavailableException("p", "HTTP 503", null));
        }
        ProviderAuth auth = provider("p", endpoint);
        java.time.Instant start = clock.instant();

        // 200 + 400 + 800 ms fit in the 2 s a caller may wait; the next step (1.6 s) does not
        assertThatThrownBy(auth::token).isInstanceOf(TokenEndpointUnavailableException.class).hasMessageContaining("503");
        assertThat(endpoint.requests(LOGIN)).isEqualTo(4);
        assertThat(clock.instant()).isEqualTo(start.plusMillis(1400));
        assertThat(auth.status().state()).isEqualTo(AuthState.BACKING_OFF);

        // the next step (1.6 s) is due within the next caller's budget: it waits for that one attempt
        assertThatThrownBy(auth::token).isInstanceOf(TokenEndpointUnavailableException.class).hasMessageContaining("503");
        assertThat(endpoint.requests(LOGIN)).isEqualTo(5);
        // 3.2 s away: beyond the budget, so the caller fails at once and nothing reaches the endpoint
        assertThatThrownBy(auth::token).isInstanceOf(TokenEndpointUnavailableException.class)
                .hasMessageContaining("no login attempt before " + start.plusMillis(6200));
        assertThat(endpoint.requests(LOGIN)).isEqualTo(5);
    }

    @Test
    void tokenWhenEndpointRecoversAfterAHiccupThenCallerGetsTokenWithoutFailing() {
        ScriptedTokenEndpoint endpoint = new ScriptedTokenEndpoint(clock)
                .thenFail(LOGIN, new TokenEndpointUnavailableException("p", "connection refused", null));
        ProviderAuth auth = provider("p", endpoint);

        assertThat(auth.token().value()).isEqualTo("login-1");
        assertThat(auth.stats().tokenRequests(LOGIN, TokenRequestOutcome.UNAVAILABLE)).isEqualTo(1);
        assertThat(auth.status().state()).isEqualTo(AuthState.VALID);
    }

    @Test
    void tokenWhenTokenConfiguredThenUsedWithoutLogin() {
        ScriptedTokenEndpoint endpoint = new ScriptedTokenEndpoint(clock);
        ProviderAuth auth = provider("p", endpoint,
                ConfiguredToken.from(properties("p", Map.of("providers.p.token", "pre-obtained"))));

        assertThat(auth.token().value()).isEqualTo("pre-obtained");
        assertThat(endpoint.requests(LOGIN)).isZero();
    }

    @Test
    void tokenWhenConfiguredTokenRejectedAndNoCredentialsThenSaysHowToGetANewOne() {
        ScriptedTokenEndpoint endpoint = new ScriptedTokenEndpoint(clock)
                .thenFail(LOGIN, new ProviderConfigurationException("p", "providers.p.password is not set"));
        ProviderAuth auth = provider("p", endpoint,
                ConfiguredToken.from(properties("p", Map.of("providers.p.token", "pre-obtained"))));
        auth.rejected(auth.token(), 403);

        assertThatThrownBy(auth::token).isInstanceOf(TokenRejectedException.class)
                .hasMessageContaining("providers.p.token").hasMessageContaining("HTTP 403")
                .hasMessageContaining("providers.p.password is not set").hasMessageContaining("token p")
                .hasMessageNotContaining("pre-obtained");
    }

    /** Strips refresh tokens, for providers that extend instead of refreshing. */
    record NoRefreshTokens(ScriptedTokenEndpoint delegate) implements TokenEndpoint {
        @Override
        public boolean supports(TokenOperation operation) {
            return delegate.supports(operation);
        }

        @Override
        public Token request(TokenOperation operation, Optional<Token> current) {
            Token t = delegate.request(operation, current);
            return new Token(t.value(), t.obtainedAt(), t.expiresAt(), null, Map.of());
        }
    }
}
