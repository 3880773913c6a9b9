package io.authroutes.auth;

import java.time.Duration;
import java.util.Optional;

/**
 * The token endpoint could not be reached or answered that it cannot serve now (connection refused,
 * timeout, 5xx, 408, 429). The failure policy backs off; callers fail fast while the next attempt
 * is further away than they may wait.
 */
public final class TokenEndpointUnavailableException extends ProviderAuthException {

    private final Duration retryAfter;

    public TokenEndpointUnavailableException(String providerId, String message, Throwable cause) {
        this(providerId, message, cause, null);
    }

    /** @param retryAfter what the server asked for in {@code Retry-After} (RFC 9110 section 10.2.3), or null */
    public TokenEndpointUnavailableException(String providerId, String message, Throwable cause, Duration retryAfter) {
        super(providerId, message, cause);
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
