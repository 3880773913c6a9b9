package io.authroutes.auth.camel;

import io.authroutes.auth.ProviderProperties;
import io.authroutes.auth.ProviderTls;
import io.authroutes.auth.ProviderTlsException;
import java.io.IOException;
import java.net.SocketException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

/**
 * Turns the JDK's TLS failures on a provider's server into messages that name the property to fix:
 * "PKIX path building failed" becomes "set providers.<id>.ssl.truststore". Runs first in the HTTP
 * client's chain, so it sees the failures of calls and token requests alike.
 */
final class TlsFailures implements HttpClientConfigurer {

    private final ProviderProperties provider;
    private final Optional<ProviderTls> tls;

    TlsFailures(ProviderProperties provider, Optional<ProviderTls> tls) {
        this.provider = provider;
        this.tls = tls;
    }

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.addExecInterceptorFirst("authroutes-tls-failures", (request, scope, chain) -> {
            try {
                return chain.proceed(request, scope);
            } catch (SSLException | SocketException | NoHttpResponseException e) {
                throw explain(scope.route.getTargetHost().toHostString(), e);
            }
        });
    }

    private IOException explain(String server, IOException failure) {
        if (failure instanceof ProviderTlsException) {
            return failure;
        }
        String id = provider.providerId();
        String truststore = provider.key(ProviderTls.TRUSTSTORE);
        String keystore = provider.key(ProviderTls.KEYSTORE);
        String message;
        if (causedBy(failure, CertPathBuilderException.class) || causedBy(failure, CertPathValidatorException.class)) {
            message = tls.flatMap(ProviderTls::truststore)
                    .map(path -> "the certificate of " + server + " is not signed by a CA in " + truststore + " (" + path
                            + "); add the server's CA to that truststore")
                    .orElse("the certificate of " + server + " is not signed by a CA the JVM trusts; set " + truststore
                            + " (and " + provider.key(ProviderTls.TRUSTSTORE_PASSWORD) + ") to a truststore holding the server's CA");
        } else if (failure instanceof SSLPeerUnverifiedException) {
            message = "the certificate of " + server + " is not issued for that host name (hostname verification); use"
                    + " a host name the certificate names in " + provider.key("baseUrl") + " / " + provider.key("tokenUrl");
        } else {
            // under TLS 1.3 a server that wants a client certificate may just close the connection once the
            // client has finished its side of the handshake (RFC 8446 section 4.4.2.4): the client sees a reset, a
            // broken pipe or no answer, whichever comes first
            String ended = failure instanceof SSLException ? "ended the TLS handshake" : "closed the connection";
            message = tls.flatMap(ProviderTls::keystore).isPresent()
                    ? server + " " + ended + " (" + failure.getMessage() + "); check that it accepts the client"
                      + " certificate in " + keystore + " and that " + truststore + " holds its CA"
                    : server + " " + ended + " (" + failure.getMessage() + "); if it requires a client certificate,"
                      + " set " + keystore + " and " + provider.key(ProviderTls.KEYSTORE_PASSWORD);
        }
        return new ProviderTlsException(id, message, failure);
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
