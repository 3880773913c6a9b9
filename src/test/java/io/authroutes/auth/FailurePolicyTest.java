package io.authroutes.auth;

import static io.authroutes.auth.TokenOperation.EXTEND;
import static io.authroutes.auth.TokenOperation.LOGIN;
import static io.authroutes.auth.TokenOperation.REFRESH;
import static org.assertj.core.api.Assertions.assertThat;

import io.authroutes.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The policy on its own: which gate closes, for how long, and what opens it again. */
class FailurePolicyTest {

    private final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
    private final FailurePolicy policy = new FailurePolicy("p", ProviderAuthTest.FAILURES, clock, clock, new Random(1));

    private static TokenEndpointUnavailableException unavailable() {
        return new TokenEndpointUnavailableException("p", "HTTP 503", null);
    }

    private static CredentialsRejectedException refused() {
        return new CredentialsRejectedException("p", 401, "refused; check providers.p.password");
    }

    @Test
    void unavailableThenBackoffDoublesFrom200MillisUpTo30Seconds() {
        Instant start = clock.instant();
        long[] expected = {200, 400, 800, 1600, 3200, 6400, 12800, 25600, 30000, 30000};
        for (long millis : expected) {
            assertThat(policy.failed(LOGIN, unavailable()).nextAttemptAt()).isEqualTo(clock.instant().plusMillis(millis));
        }
        assertThat(policy.gate(LOGIN).failures()).isEqualTo(10);
        assertThat(policy.gate(LOGIN).episode()).isEqualTo(AuthState.BACKING_OFF);
        assertThat(clock.instant()).isEqualTo(start);
    }

    @Test
    void wallClockSetBackAnHourDuringABackoffThenTheNextAttemptComesOnTime() {
        policy.failed(LOGIN, unavailable());

        clock.setWallClockBy(Duration.ofHours(-1));
        assertThat(policy.admits(LOGIN)).isFalse();
        clock.advance(Duration.ofMillis(200));

        assertThat(policy.admits(LOGIN)).isTrue();
    }

    @Test
    void unavailableWithRetryAfterThenTheServersPauseIsHonoured() {
        var failure = new TokenEndpointUnavailableException("p", "HTTP 503", null, Duration.ofSeconds(120));

        assertThat(policy.failed(LOGIN, failure).nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(120));
    }

    @Test
    void unusableAnswerThenBacksOffLikeAnUnavailableEndpoint() {
        FailurePolicy.Gate gate = policy.failed(LOGIN, new UnusableTokenAnswerException("p", "no 'access_token' field"));

        assertThat(gate.episode()).isEqualTo(AuthState.BACKING_OFF);
        assertThat(gate.nextAttemptAt()).isEqualTo(clock.instant().plusMillis(200));
    }

    @Test
    void credentialsRefusedThenLoginsSpacedThirtySecondsDoublingToFifteenMinutes() {
        long[] expected = {30, 60, 120, 240, 480, 900, 900};
        for (long seconds : expected) {
            assertThat(policy.failed(LOGIN, refused()).nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(seconds));
        }
        assertThat(policy.gate(LOGIN).episode()).isEqualTo(AuthState.CREDENTIALS_REFUSED);
    }

    @Test
    void gateAdmitsOneAttemptOnceItsStepHasPassed() {
        policy.failed(LOGIN, unavailable());

        assertThat(policy.admits(LOGIN)).isFalse();
        clock.advance(Duration.ofMillis(199));
        assertThat(policy.admits(LOGIN)).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(policy.admits(LOGIN)).isTrue();
    }

    @Test
    void grantRefusedOnRefreshOrExtendHoldsNothingBack() {
        policy.failed(REFRESH, refused());
        policy.failed(EXTEND, refused());

        assertThat(policy.worst()).isEmpty();
        assertThat(policy.admits(REFRESH)).isTrue();
        assertThat(policy.admits(LOGIN)).isTrue();
    }

    @Test
    void backoffOfOneOperationNeverBlocksAnother() {
        policy.failed(EXTEND, unavailable());

        assertThat(policy.admits(EXTEND)).isFalse();
        assertThat(policy.admits(LOGIN)).isTrue();
        assertThat(policy.admits(REFRESH)).isTrue();
    }

    @Test
    void successEndsTheEpisode() {
        policy.failed(LOGIN, unavailable());
        policy.failed(LOGIN, unavailable());

        policy.succeeded(LOGIN);

        assertThat(policy.gate(LOGIN)).isEqualTo(FailurePolicy.Gate.OPEN);
        assertThat(policy.failed(LOGIN, unavailable()).nextAttemptAt()).isEqualTo(clock.instant().plusMillis(200));
    }

    @Test
    void twoTokensRejectedBeforeAnyCallAcceptedThemThenTheNextLoginIsSpacedLikeRefusedCredentials() {
        policy.tokenRejected(token("a", clock.instant()));
        assertThat(policy.admitsRequest(LOGIN)).isTrue();
        policy.tokenRejected(token("b", clock.instant()));

        assertThat(policy.admitsRequest(LOGIN)).isFalse();
        assertThat(policy.gate(LOGIN).episode()).isEqualTo(AuthState.TOKEN_REJECTED);
        assertThat(policy.gate(LOGIN).nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(30));
        assertThat(policy.gate(LOGIN).cause()).hasMessageContaining("providers.p.baseUrl");
    }

    @Test
    void tokensRejectedAfterServingCallsAreRevocationsAndCountNothingHoweverYoung() {
        for (String value : List.of("a", "b", "c", "d")) {
            Token token = token(value, clock.instant());
            token.markAccepted();
            policy.tokenRejected(token);
            assertThat(policy.admitsRequest(LOGIN)).isTrue();
        }
        assertThat(policy.worst()).isEmpty();
    }

    @Test
    void acceptanceReportedAfterTheRejectionOfTheSameTokenStillCounts() {
        policy.tokenRejected(token("a", clock.instant()));
        Token b = token("b", clock.instant());
        policy.tokenRejected(b);
        // a concurrent call with b was accepted, and said so after another call reported b rejected
        b.markAccepted();

        assertThat(policy.admitsRequest(LOGIN)).isTrue();
        assertThat(policy.worst()).isEmpty();
    }

    @Test
    void oldTokenRejectedIsAnOrdinaryRevocationAndCountsNothing() {
        policy.tokenRejected(token("a", clock.instant().minusSeconds(10)));
        policy.tokenRejected(token("b", clock.instant().minusSeconds(60)));

        assertThat(policy.admitsRequest(LOGIN)).isTrue();
        assertThat(policy.worst()).isEmpty();
    }

    @Test
    void tokenAcceptedBetweenTwoRefusedTokensStartsTheCountAgain() {
        policy.tokenRejected(token("a", clock.instant()));
        policy.tokenAccepted();
        policy.tokenRejected(token("b", clock.instant()));

        assertThat(policy.admitsRequest(LOGIN)).isTrue();
        assertThat(policy.worst()).isEmpty();
    }

    @Test
    void loginSuccessDoesNotEndATokenRejectedEpisodeOnlyAnAcceptedCallDoes() {
        policy.tokenRejected(token("a", clock.instant()));
        policy.tokenRejected(token("b", clock.instant()));
        policy.admitsRequest(LOGIN);
        clock.advance(Duration.ofSeconds(30));

        policy.succeeded(LOGIN);
        assertThat(policy.gate(LOGIN).episode()).isEqualTo(AuthState.TOKEN_REJECTED);

        policy.tokenAccepted();
        assertThat(policy.worst()).isEmpty();
    }

    @Test
    void resetOpensEveryGate() {
        policy.failed(LOGIN, refused());
        policy.failed(REFRESH, unavailable());

        policy.reset();

        assertThat(policy.worst()).isEmpty();
    }

    @Test
    void worstShowsRefusedCredentialsBeforeBackoff() {
        policy.failed(REFRESH, unavailable());
        policy.failed(LOGIN, refused());

        assertThat(policy.worst()).map(FailurePolicy.Gate::episode).contains(AuthState.CREDENTIALS_REFUSED);
    }

    @Test
    void jitterShortensAStepByAtMostItsFraction() {
        BackoffSchedule jittered = new BackoffSchedule(Duration.ofSeconds(10), Duration.ofSeconds(10), 0.2);
        Random random = new Random(7);
        for (int i = 0; i < 1000; i++) {
            assertThat(jittered.after(1, random)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10));
        }
    }

    private static Token token(String value, Instant obtainedAt) {
        return new Token(value, obtainedAt, obtainedAt.plusSeconds(600), null, Map.of());
    }
}
