package io.authroutes.auth.store;

import io.authroutes.auth.ConfigurationRefusal;

/** An {@code authroutes.store.*} property is missing or wrong; the message names it and never shows a secret. */
public final class StoreConfigurationException extends RuntimeException implements ConfigurationRefusal {

    StoreConfigurationException(String property, String problem) {
        super(property + " " + problem);
    }
}
