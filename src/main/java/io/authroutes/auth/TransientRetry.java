package io.authroutes.auth;

import java.time.Duration;

/**
 * How the engine rides out a token endpoint that is down: {@code attempts} tries spaced by a backoff
 * that doubles from {@code backoff}, then {@code cooldown} during which callers fail fast with the
 * last error instead of each hitting the endpoint again.
 */
public record TransientRetry(int attempts, Duration backoff, Duration cooldown) {

    public static final TransientRetry DEFAULT = new TransientRetry(3, Duration.ofMillis(200), Duration.ofSeconds(10));

    public TransientRetry {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
        }
    }

    /** The pause before attempt {@code attempt + 1}, counting attempts from 1. */
    public Duration backoffAfter(int attempt) {
        return backoff.multipliedBy(1L << Math.min(attempt - 1, 16));
    }
}
