package io.authroutes.auth;

/** A setting outside the provider blocks (a step option, a console setting) is wrong; the message names it. */
public final class InvalidSettingException extends IllegalArgumentException implements ConfigurationRefusal {

    public InvalidSettingException(String message) {
        super(message);
    }

    public InvalidSettingException(String message, Throwable cause) {
        super(message, cause);
    }
}
