package io.authroutes.auth;

import java.time.Instant;
import java.util.Optional;

/**
 * The token endpoint could not be reached or answered with a server error (5xx, timeout, refused
 * connection). The engine retries these with backoff, then fails fast until the cooldown ends.
 */
public final class TokenEndpointUnavailableException extends ProviderAuthException {

    private final Instant cooldownUntil;

    public TokenEndpointUnavailableException(String providerId, String message, Throwable cause) {
        this(providerId, message, cause, null);
    }

    private TokenEndpointUnavailableException(String providerId, String message, Throwable cause, Instant cooldownUntil) {
        super(providerId, message, cause);
        this.cooldownUntil = cooldownUntil;
    }

    /** The same failure, reported to a caller that arrives while the provider cools down. */
    public TokenEndpointUnavailableException inCooldownUntil(Instant until) {
        return new TokenEndpointUnavailableException(providerId(),
                reason() + " (not retried before " + until + ")", getCause(), until);
    }

    public Optional<Instant> cooldownUntil() {
        return Optional.ofNullable(cooldownUntil);
    }
}
