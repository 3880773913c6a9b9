package io.authroutes.auth;

/**
 * What an operator needs to know about a provider's auth at a glance (README, "When things fail"). The
 * failure policy speaks the same words for each token operation it may hold back ({@link FailurePolicy.Gate}).
 */
public enum AuthState {
    /** Nothing obtained yet, or the last token was invalidated. */
    NO_TOKEN,
    /** A token is cached and good to send. */
    VALID,
    /** A token is being obtained, refreshed or extended right now. */
    RENEWING,
    /** The token endpoint was unavailable or answered something unusable; the next attempt waits for NextAttemptAt. */
    BACKING_OFF,
    /** The provider refused the credentials; logins are spaced out until NextAttemptAt so the account is not locked. */
    CREDENTIALS_REFUSED,
    /** The upstream rejects even freshly obtained tokens; logins are spaced out until NextAttemptAt. */
    TOKEN_REJECTED
}
