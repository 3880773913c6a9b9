package io.authroutes.auth;

import static io.authroutes.auth.TokenOperation.LOGIN;
import static io.authroutes.auth.TokenOperation.REFRESH;
import static org.assertj.core.api.Assertions.assertThat;

import io.authroutes.auth.FailurePolicy.Gate;
import io.authroutes.testing.MutableClock;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The failure policy's seam to other instances: two policies, as on two instances, over one recorded login
 * gate (what {@link SharedAccount} keeps in the token store).
 */
class SharedLoginGateTest {

    /** One recorded gate; {@code reachable=false} is a store that cannot answer now. */
    private static final class RecordedGate implements FailurePolicy.SharedGate {
        final AtomicReference<Gate> recorded = new AtomicReference<>(Gate.OPEN);
        volatile boolean reachable = true;

        @Override
        public Optional<Gate> read() {
            return reachable ? Optional.of(recorded.get()) : Optional.empty();
        }

        @Override
        public void record(Gate gate) {
            if (reachable) {
                recorded.set(gate);
            }
        }
    }

    private final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
    private final RecordedGate shared = new RecordedGate();
    private final FailurePolicy first = policy();
    private final FailurePolicy second = policy();

    private FailurePolicy policy() {
        FailurePolicy policy = new FailurePolicy("p", ProviderAuthTest.FAILURES, clock, clock, new Random(1));
        policy.share(shared);
        return policy;
    }

    private static CredentialsRejectedException refused() {
        return new CredentialsRejectedException("p", 401, "the token endpoint refused the credentials");
    }

    @Test
    void loginRefusedOnOneInstanceThenTheOtherHoldsItsLoginBackUntilTheSameTime() {
        Gate refusal = first.failed(LOGIN, refused());

        assertThat(second.admitsRequest(LOGIN)).isFalse();
        assertThat(second.gate(LOGIN).nextAttemptAt()).isEqualTo(refusal.nextAttemptAt());
        assertThat(second.heldBack(LOGIN)).isInstanceOf(CredentialsRejectedException.class);
    }

    @Test
    void refusedAgainOnTheOtherInstanceThenTheEpisodeCountGoesOn() {
        first.failed(LOGIN, refused());
        clock.advance(Duration.ofSeconds(30));

        assertThat(second.admitsRequest(LOGIN)).isTrue();
        Gate next = second.failed(LOGIN, refused());

        assertThat(next.failures()).isEqualTo(2);
        assertThat(shared.recorded.get().failures()).isEqualTo(2);
    }

    @Test
    void loginWorksOnOneInstanceThenTheOtherIsNoLongerHeldBack() {
        first.failed(LOGIN, refused());
        second.admitsRequest(LOGIN);
        clock.advance(Duration.ofSeconds(30));
        first.admitsRequest(LOGIN);

        first.succeeded(LOGIN);

        assertThat(shared.recorded.get().episode()).isEqualTo(AuthState.VALID);
        assertThat(second.admitsRequest(LOGIN)).isTrue();
        assertThat(second.gate(LOGIN).failing()).isFalse();
    }

    @Test
    void storeCannotAnswerThenEachInstanceDecidesAlone() {
        shared.reachable = false;
        first.failed(LOGIN, refused());

        assertThat(first.admitsRequest(LOGIN)).isFalse();
        assertThat(second.admitsRequest(LOGIN)).isTrue();
    }

    @Test
    void renewalBacksOffThenNothingIsRecordedForTheOthers() {
        first.failed(REFRESH, new TokenEndpointUnavailableException("p", "the token endpoint answered HTTP 503", null));

        assertThat(shared.recorded.get()).isEqualTo(Gate.OPEN);
        assertThat(second.admitsRequest(REFRESH)).isTrue();
    }
}
