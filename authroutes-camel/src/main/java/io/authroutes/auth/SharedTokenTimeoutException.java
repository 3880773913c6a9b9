package io.authroutes.auth;

/** Another instance held the account's lease for the whole wait and no token landed. */
public final class SharedTokenTimeoutException extends ProviderAuthException {

    public SharedTokenTimeoutException(String providerId, String message) {
        super(providerId, message, null);
    }
}
