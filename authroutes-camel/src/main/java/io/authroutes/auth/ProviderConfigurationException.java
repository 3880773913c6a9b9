package io.authroutes.auth;

/** A {@code providers.<id>.*} property or a provider route is missing or wrong; the message names it. */
public final class ProviderConfigurationException extends ProviderAuthException implements ConfigurationRefusal {

    public ProviderConfigurationException(String providerId, String message) {
        super(providerId, message, null);
    }
}
