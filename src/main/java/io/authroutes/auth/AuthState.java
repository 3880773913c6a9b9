package io.authroutes.auth;

/** What an operator needs to know about a provider's auth at a glance. */
public enum AuthState {
    /** Nothing obtained yet, or the last token was invalidated. */
    NO_TOKEN,
    /** A token is cached and good to send. */
    VALID,
    /** A token is being obtained, refreshed or extended right now. */
    RENEWING,
    /** The last attempt to obtain a token failed (credentials rejected or endpoint down). */
    FAILING
}
