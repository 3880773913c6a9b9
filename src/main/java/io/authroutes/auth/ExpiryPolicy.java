package io.authroutes.auth;

import java.time.Duration;
import java.time.Instant;

/**
 * When a cached token stops being good enough to send.
 *
 * @param skew how long before expiry a token is renewed; for a token whose whole lifetime is short,
 *             never more than half of it, so a 60 s skew does not renew a 30 s token on every call
 */
public record ExpiryPolicy(Duration skew) {

    public static final Duration DEFAULT_SKEW = Duration.ofSeconds(60);

    public ExpiryPolicy {
        if (skew.isNegative()) {
            throw new IllegalArgumentException("skew must not be negative: " + skew);
        }
    }

    /** True from the moment less than the (capped) skew remains, including after expiry. */
    public boolean needsRenewal(Token token, Instant now) {
        return token.expiry().map(expiresAt -> !now.isBefore(expiresAt.minus(effectiveSkew(token)))).orElse(false);
    }

    Duration effectiveSkew(Token token) {
        Duration lifetime = Duration.between(token.obtainedAt(), token.expiresAt());
        Duration half = lifetime.dividedBy(2);
        return skew.compareTo(half) > 0 ? half : skew;
    }
}
