package io.authroutes.auth;

/**
 * A call failed before an answer came back, and the failure's own text held the credential (a URI
 * with the key in its query, in an exception message). The message keeps that text with the
 * credential masked; the original exception is not kept, as its message and stack trace carry it.
 */
public final class UpstreamCallException extends ProviderAuthException {

    public UpstreamCallException(String providerId, String message) {
        super(providerId, message, null);
    }
}
