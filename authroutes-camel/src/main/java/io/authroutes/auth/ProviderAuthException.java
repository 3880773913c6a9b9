package io.authroutes.auth;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Base of every failure the engine reports. Messages name the provider and what to fix, and never
 * carry a secret: they are built from property names and redacted provider answers only.
 */
public abstract class ProviderAuthException extends RuntimeException {

    private final String providerId;
    private final AtomicBoolean reported = new AtomicBoolean();

    protected ProviderAuthException(String providerId, String message, Throwable cause) {
        super(providerId + ": " + message, cause);
        this.providerId = providerId;
    }

    public String providerId() {
        return providerId;
    }

    /**
     * True once, for the first who asks, when this failure changed the provider's state; false for a repeat
     * (a call the failure policy held back, another failed attempt of the same episode). A flow's error
     * policy logs {@code ${exception.firstReport()}} failures at WARN and the others quietly, so a wrong
     * password is one line, not one per message.
     */
    public boolean firstReport() {
        return reported.compareAndSet(false, true);
    }

    /** Marks a failure that repeats the provider's current state. */
    void repeatsState() {
        reported.set(true);
    }

    /** The message without the provider id in front, for composing it into another message. */
    public String reason() {
        return getMessage().substring(providerId.length() + 2);
    }
}
