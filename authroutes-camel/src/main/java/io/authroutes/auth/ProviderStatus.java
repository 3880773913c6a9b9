package io.authroutes.auth;

import io.authroutes.auth.FailurePolicy.Gate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How one provider's auth stands, for an operator (MBean, health check, metrics): read from the
 * failure policy and the cache on every question, never stored.
 */
public final class ProviderStatus {

    private final String providerId;
    private final FailurePolicy policy;
    private final TokenCache cache;
    private final Clock clock;

    ProviderStatus(String providerId, FailurePolicy policy, TokenCache cache, Clock clock) {
        this.providerId = providerId;
        this.policy = policy;
        this.cache = cache;
        this.clock = clock;
    }

    public AuthState state() {
        Optional<Gate> failing = policy.worst();
        if (failing.isPresent()) {
            return failing.get().episode();
        }
        if (cache.isObtaining(providerId)) {
            return AuthState.RENEWING;
        }
        return validToken().isPresent() ? AuthState.VALID : AuthState.NO_TOKEN;
    }

    /** False while calls cannot get a token: no valid token cached, and logins are held back. */
    public boolean healthy() {
        return validToken().isPresent() || !policy.gate(TokenOperation.LOGIN).failing();
    }

    public boolean credentialsRejected() {
        return policy.gate(TokenOperation.LOGIN).episode() == AuthState.CREDENTIALS_REFUSED;
    }

    /** When the operation the policy holds back longest may be tried again; empty while nothing is failing. */
    public Optional<Instant> nextAttemptAt() {
        return policy.worst().map(Gate::nextAttemptAt);
    }

    /** How long until {@link #nextAttemptAt()}; zero while nothing is held back. */
    public Duration untilNextAttempt() {
        Duration left = nextAttemptAt().map(next -> Duration.between(policy.now(), next)).orElse(Duration.ZERO);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Failed attempts in the current failing episode; 0 while healthy. */
    public int attemptsInEpisode() {
        return policy.worst().map(Gate::failures).orElse(0);
    }

    Optional<Token> validToken() {
        return cache.current(providerId).filter(t -> !t.isExpiredAt(clock.instant()));
    }
}
