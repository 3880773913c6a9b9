package io.authroutes.auth;

import java.util.Locale;

/**
 * What a provider's token route is asked to do. Each operation a provider offers is one route,
 * {@code direct:<id>.<route>}, instantiated from the route template {@code <kind>.<route>}.
 * Not for applications (public for the component and the library's monitoring); may change.
 */
public enum TokenOperation {
    /** Obtain a token from credentials: the only operation every provider has. */
    LOGIN("token"),
    /** Exchange the refresh token for a new token (RFC 6749 section 6). */
    REFRESH("refresh"),
    /** Push the expiry of the current token further (Salebasis PUT /login). */
    EXTEND("extend"),
    /** Tell the provider the token is no longer needed (Salebasis DELETE /login). */
    REVOKE("revoke");

    private final String route;

    TokenOperation(String route) {
        this.route = route;
    }

    /** The suffix of the route template and of the route id, e.g. {@code token} in {@code zont.token}. */
    public String route() {
        return route;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
