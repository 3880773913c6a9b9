package io.authroutes.auth;

import java.util.Locale;

/**
 * How one request to a token endpoint ended; a metrics tag.
 * Not for applications (public for the library's monitoring); may change.
 */
public enum TokenRequestOutcome {
    SUCCESS,
    /** Credentials (login) or grant (refresh, extend) refused. */
    REFUSED,
    /** Not reached, timed out, 5xx, 408 or 429. */
    UNAVAILABLE,
    /** Answered, but nothing a token can be made of. */
    UNUSABLE,
    /**
     * Not made: a setting the request needs is missing or wrong ({@link ConfigurationRefusal}), which
     * says nothing of the provider's credentials, so it is not counted as refused.
     */
    MISCONFIGURED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static TokenRequestOutcome of(ProviderAuthException failure) {
        if (failure instanceof ConfigurationRefusal) {
            return MISCONFIGURED;
        }
        if (failure instanceof TokenEndpointUnavailableException) {
            return UNAVAILABLE;
        }
        return failure instanceof UnusableTokenAnswerException ? UNUSABLE : REFUSED;
    }
}
