package io.authroutes.auth;

/**
 * Base of every failure the engine reports. Messages name the provider and what to fix, and never
 * carry a secret: they are built from property names and redacted provider answers only.
 */
public abstract class ProviderAuthException extends RuntimeException {

    private final String providerId;

    protected ProviderAuthException(String providerId, String message, Throwable cause) {
        super(providerId + ": " + message, cause);
        this.providerId = providerId;
    }

    public String providerId() {
        return providerId;
    }

    /** The message without the provider id in front, for composing it into another message. */
    public String reason() {
        return getMessage().substring(providerId.length() + 2);
    }
}
