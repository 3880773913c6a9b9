package io.authroutes.auth;

import static io.authroutes.auth.TokenOperation.EXTEND;
import static io.authroutes.auth.TokenOperation.LOGIN;
import static io.authroutes.auth.TokenOperation.REFRESH;
import static org.assertj.core.api.Assertions.assertThat;

import io.authroutes.testing.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The failure policy as a table (README, "When things fail"): one token operation fails the same way
 * for as long as the row lasts, while a flow calls once a second on a fixed clock; the row states what
 * reached the token endpoint, which calls failed and with what, and when calls recover after the fault
 * is mended. Token requests run on the caller's thread, so every count is exact.
 */
class FaultMatrixTest {

    private static final Duration LIFETIME = Duration.ofMinutes(10);

    /**
     * @param when          with no token yet (login), or with a token inside its renewal window (renewal)
     * @param failing       the operation that fails
     * @param fault         how it fails
     * @param calls         calls made, one a second
     * @param requests      requests of the failing operation that reached the endpoint, from the start
     * @param logins        logins that reached the endpoint, from the start (the renewal rows log in once before)
     * @param failedCalls   calls that failed
     * @param failedWith    what they failed with
     * @param recoveryAfter from mending the fault until a call succeeds again
     */
    record Row(String when, TokenOperation failing, String fault, int calls, int requests, int logins, int failedCalls,
               Class<? extends ProviderAuthException> failedWith, Duration recoveryAfter) {

        @Override
        public String toString() {
            return failing.label() + " " + fault + " (" + when + ")";
        }
    }

    static Stream<Row> matrix() {
        return Stream.of(
                // a wrong password, one call a second for 10 minutes: logins at 0, 30, 90, 210 and 450 s
                new Row("login", LOGIN, "credentials refused", 600, 5, 5, 600, CredentialsRejectedException.class, Duration.ofSeconds(450)),
                // one request per backoff step (0, 0.2, 0.6, 1.4, 3.0, 6.2, 12.6 s); calls wait for a step due
                // within 2 s, else fail at once; recovery comes with the next step (at most 30 s away)
                new Row("login", LOGIN, "unavailable", 10, 7, 7, 10, TokenEndpointUnavailableException.class, Duration.ofMillis(25600)),
                new Row("login", LOGIN, "unusable answer", 10, 7, 7, 10, UnusableTokenAnswerException.class, Duration.ofMillis(25600)),
                // the token still serves calls while its renewal backs off
                new Row("renewal", LOGIN, "unavailable", 10, 7, 7, 0, null, Duration.ZERO),
                // a renewal that fails for any reason logs in within the same renewal
                new Row("renewal", REFRESH, "grant refused", 10, 1, 2, 0, null, Duration.ZERO),
                new Row("renewal", REFRESH, "unavailable", 10, 1, 2, 0, null, Duration.ZERO),
                new Row("renewal", REFRESH, "unusable answer", 10, 1, 2, 0, null, Duration.ZERO),
                new Row("renewal", EXTEND, "grant refused", 10, 1, 2, 0, null, Duration.ZERO),
                new Row("renewal", EXTEND, "unavailable", 10, 1, 2, 0, null, Duration.ZERO));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void faultThenCountedRequestsFailedCallsAndRecovery(Row row) {
        MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
        ScriptedTokenEndpoint endpoint = new ScriptedTokenEndpoint(clock, row.failing() == EXTEND ? EXTEND : REFRESH)
                .lifetime(LIFETIME);
        ProviderAuth auth = provider(clock, row.failing() == EXTEND ? new ProviderAuthTest.NoRefreshTokens(endpoint) : endpoint,
                row.failing() == LOGIN && row.when().equals("renewal") ? new LoginOnly(endpoint) : null);
        if (row.when().equals("renewal")) {
            auth.token();
            clock.advance(LIFETIME.minusSeconds(50));
        }
        endpoint.failing(row.failing(), failure(row.fault(), row.failing()));

        List<ProviderAuthException> failures = new ArrayList<>();
        for (int i = 0; i < row.calls(); i++) {
            try {
                auth.token();
            } catch (ProviderAuthException e) {
                failures.add(e);
            }
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(endpoint.requests(row.failing())).as("requests of %s", row.failing()).isEqualTo(row.requests());
        assertThat(endpoint.requests(LOGIN)).as("logins").isEqualTo(row.logins());
        assertThat(failures).as("failed calls").hasSize(row.failedCalls());
        if (row.failedWith() != null) {
            assertThat(failures).allMatch(row.failedWith()::isInstance);
            assertThat(failures).allSatisfy(e -> assertThat(e.getMessage()).startsWith("p: "));
        }

        endpoint.recover(row.failing());
        Instant mended = clock.instant();
        Instant recovered = firstSuccess(auth, clock);
        assertThat(Duration.between(mended, recovered)).as("recovery").isLessThanOrEqualTo(row.recoveryAfter());
    }

    /** Calls once a second until one succeeds, and tells when. */
    private static Instant firstSuccess(ProviderAuth auth, MutableClock clock) {
        for (int i = 0; i < 3600; i++) {
            try {
                auth.token();
                return clock.instant();
            } catch (ProviderAuthException e) {
                clock.advance(Duration.ofSeconds(1));
            }
        }
        throw new AssertionError("no recovery within an hour");
    }

    private static Supplier<RuntimeException> failure(String fault, TokenOperation operation) {
        return switch (fault) {
            case "credentials refused", "grant refused" -> () -> new CredentialsRejectedException("p", 400, "invalid_grant");
            case "unavailable" -> () -> new TokenEndpointUnavailableException("p", "the token endpoint answered HTTP 500", null);
            case "unusable answer" -> () -> new UnusableTokenAnswerException("p", "the token answer has no 'access_token' field");
            default -> throw new IllegalArgumentException(fault + " for " + operation);
        };
    }

    private static ProviderAuth provider(MutableClock clock, TokenEndpoint endpoint, TokenEndpoint loginOnly) {
        ProviderSettings settings = new ProviderSettings("p", URI.create("https://api.example.com"),
                new ExpiryPolicy(Duration.ofSeconds(60)), 1, ProviderAuthTest.FAILURES, Duration.ofSeconds(10));
        return new ProviderAuth(settings, loginOnly != null ? loginOnly : endpoint,
                ConfiguredToken.from(new ProviderProperties("p", k -> Optional.empty())), new Redactor(List.of()),
                new TokenCache(clock), SharedAccount.alone("p", clock), new AuthRuntime(clock, clock, clock::advanceTo, Runnable::run, new Random(1)));
    }

    /** A provider whose only way to a token is a login (yaVapteke's client credentials). */
    private record LoginOnly(ScriptedTokenEndpoint delegate) implements TokenEndpoint {
        @Override
        public boolean supports(TokenOperation operation) {
            return operation == LOGIN;
        }

        @Override
        public Token request(TokenOperation operation, Optional<Token> current) {
            return delegate.request(operation, current);
        }
    }
}
