package io.authroutes.auth;

import javax.net.ssl.SSLException;

/**
 * A TLS handshake with a provider's server failed; the message says which {@code providers.<id>.ssl.*}
 * key to fix. An {@link SSLException}, so the HTTP client reports it as the I/O failure it is.
 */
public final class ProviderTlsException extends SSLException {

    private final String providerId;

    public ProviderTlsException(String providerId, String message, Throwable cause) {
        super(providerId + ": " + message, cause);
        this.providerId = providerId;
    }

    public String providerId() {
        return providerId;
    }
}
