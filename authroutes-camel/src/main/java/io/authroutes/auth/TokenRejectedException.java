package io.authroutes.auth;

/**
 * The upstream API kept rejecting the token after the allowed re-authentications, or rejected a
 * token that cannot be renewed (a configured token with no login credentials).
 */
public final class TokenRejectedException extends ProviderAuthException {

    private final int status;

    public TokenRejectedException(String providerId, int status, String message) {
        super(providerId, message, null);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
