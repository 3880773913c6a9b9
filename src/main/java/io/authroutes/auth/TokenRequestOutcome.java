package io.authroutes.auth;

import java.util.Locale;

/** How one request to a token endpoint ended; a metrics tag. */
public enum TokenRequestOutcome {
    SUCCESS, REJECTED, UNAVAILABLE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
