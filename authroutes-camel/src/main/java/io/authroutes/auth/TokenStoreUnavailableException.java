package io.authroutes.auth;

/**
 * The shared token store did not answer within its timeout, or answered with something this instance
 * cannot read. The engine goes on with its local near cache; the store recovers by itself.
 */
public final class TokenStoreUnavailableException extends ProviderAuthException {

    public TokenStoreUnavailableException(String providerId, String message, Throwable cause) {
        super(providerId, message, cause);
    }
}
