package io.authroutes.monitoring;

import io.authroutes.auth.ConfigurationRefusal;

/** The configuration opens a console or management endpoint to the network without credentials. */
public class UnsafeExposureException extends IllegalStateException implements ConfigurationRefusal {

    public UnsafeExposureException(String message) {
        super(message);
    }
}
