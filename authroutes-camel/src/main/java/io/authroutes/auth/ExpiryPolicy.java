package io.authroutes.auth;

import java.time.Duration;
import java.time.Instant;

/**
 * When a cached token stops being good enough to send. {@code skew} is how long before expiry a token
 * is renewed; for a token whose whole lifetime is short, never more than a tenth of it, so a 60 s skew
 * neither renews a 30 s token on every call nor spends half of a 5 s token's life on renewals.
 */
final class ExpiryPolicy {

    public static final Duration DEFAULT_SKEW = Duration.ofSeconds(60);

    /*
     * The margin covers one token request and one call in flight: the renewal runs in the background
     * while the old token still serves (TokenCache), and expires_in is counted from when the token
     * request was sent, on our own clock, so the provider's clock does not enter it. A tenth is
     * 500 ms of a 5 s token (12-13 token requests a minute rather than 24 at half) and 6 s of a
     * 60 s token; tokens of ten minutes or more get the configured skew.
     */
    private static final int SHORT_LIFETIME_SHARE = 10;

    private final Duration skew;
    /** The moments of the token asked about last: every call asks about the same token until it is renewed. */
    private volatile Window last;

    /** When a token with an expiry is renewed, and from when it is no longer sent. */
    private record Window(Token token, Instant renewFrom, Instant sendUntil) {
    }

    public ExpiryPolicy(Duration skew) {
        if (skew.isNegative()) {
            throw new IllegalArgumentException("skew must not be negative: " + skew);
        }
        this.skew = skew;
    }

    public Duration skew() {
        return skew;
    }

    /** True from the moment less than the (capped) skew remains, including after expiry. */
    public boolean needsRenewal(Token token, Instant now) {
        return token.expiresAt() != null && !now.isBefore(window(token).renewFrom());
    }

    /**
     * True once less than half the (capped) skew remains: a token this close to its end may expire on
     * its way to the upstream, so a caller waits for the renewal instead of sending it (the renewal
     * started at the skew, so it has usually landed by then).
     */
    public boolean tooLateToSend(Token token, Instant now) {
        return token.expiresAt() != null && !now.isBefore(window(token).sendUntil());
    }

    private Window window(Token token) {
        Window window = last;
        if (window == null || window.token() != token) {
            Duration margin = effectiveSkew(token);
            window = new Window(token, token.expiresAt().minus(margin), token.expiresAt().minus(margin.dividedBy(2)));
            last = window;
        }
        return window;
    }

    Duration effectiveSkew(Token token) {
        Duration lifetime = Duration.between(token.obtainedAt(), token.expiresAt());
        Duration share = lifetime.dividedBy(SHORT_LIFETIME_SHARE);
        return skew.compareTo(share) > 0 ? share : skew;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ExpiryPolicy policy && skew.equals(policy.skew);
    }

    @Override
    public int hashCode() {
        return skew.hashCode();
    }

    @Override
    public String toString() {
        return "ExpiryPolicy[skew=" + skew + "]";
    }
}
