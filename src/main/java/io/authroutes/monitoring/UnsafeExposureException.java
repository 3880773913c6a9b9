package io.authroutes.monitoring;

/** The configuration opens a console or management endpoint to the network without credentials. */
public class UnsafeExposureException extends IllegalStateException {

    public UnsafeExposureException(String message) {
        super(message);
    }
}
