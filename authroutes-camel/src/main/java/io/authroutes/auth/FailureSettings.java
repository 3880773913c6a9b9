package io.authroutes.auth;

import java.time.Duration;

/**
 * The numbers of a provider's failure policy, each a {@code providers.<id>.*} option.
 *
 * @param unavailable       between attempts while the token endpoint is unavailable or its answers
 *                          unusable ({@code tokenRetryBackoff}, {@code tokenRetryBackoffMax})
 * @param refused           between logins while credentials are refused or the upstream rejects fresh
 *                          tokens ({@code refusedLoginRetry}, {@code refusedLoginRetryMax})
 * @param callerWait        how long a call may wait for the next attempt ({@code tokenWait}); when it is
 *                          further away, the call fails at once
 * @param freshTokenWindow  a token rejected by the upstream this soon after it was obtained counts as a
 *                          refusal of new tokens, not as an ordinary revocation ({@code freshTokenWindow})
 */
record FailureSettings(BackoffSchedule unavailable, BackoffSchedule refused, Duration callerWait,
                              Duration freshTokenWindow) {

    public static final FailureSettings DEFAULT = new FailureSettings(
            new BackoffSchedule(Duration.ofMillis(200), Duration.ofSeconds(30), 0.2),
            new BackoffSchedule(Duration.ofSeconds(30), Duration.ofMinutes(15), 0),
            Duration.ofSeconds(2), Duration.ofSeconds(10));
}
