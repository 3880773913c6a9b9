package io.authroutes.auth;

/**
 * The token endpoint refused the configured credentials (400 invalid_client/invalid_grant, 401, 403,
 * an {@code ok:false} answer). Retrying cannot help, so the call fails at once.
 */
public final class CredentialsRejectedException extends ProviderAuthException {

    private final int status;

    public CredentialsRejectedException(String providerId, int status, String message) {
        super(providerId, message, null);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
