package io.authroutes.auth;

import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code providers.<id>.*} block of one provider, read through Camel's property placeholders so
 * that every key can come from the file, a JVM system property or an environment variable.
 * Not for applications (public for the component's steps and routes); may change.
 */
public record ProviderProperties(String providerId, Function<String, Optional<String>> lookup) {

    public static final String PREFIX = "providers.";

    public String key(String option) {
        return PREFIX + providerId + "." + option;
    }

    public Optional<String> optional(String option) {
        return lookup.apply(key(option)).map(String::trim).filter(v -> !v.isEmpty());
    }

    public String required(String option) {
        return optional(option).orElseThrow(() ->
                new ProviderConfigurationException(providerId, key(option) + " is not set"));
    }
}
