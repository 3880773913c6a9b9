package io.authroutes.monitoring;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A server of the app that operators reach (Hawtio, the management endpoints): where it listens and
 * whether it asks for credentials. Bound beyond loopback, it must (design: Monitoring).
 *
 * @param name              what the operator knows it as
 * @param hostProperty      the property that sets {@code host}
 * @param host              the address it binds
 * @param authenticated     whether credentials are configured and enforced
 * @param howToAuthenticate the properties that configure credentials
 */
record Listener(String name, String hostProperty, String host, boolean authenticated, String howToAuthenticate) {

    boolean loopbackOnly() {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false; // cannot tell where it binds: treat it as exposed
        }
    }

    /** Throws when the server would be open to the network without credentials. */
    void requireAuthenticationWhenExposed() {
        if (!loopbackOnly() && !authenticated) {
            throw new UnsafeExposureException(name + " would listen on " + host + " without authentication. Set "
                    + howToAuthenticate + ", or " + hostProperty + "=127.0.0.1 to keep it on this machine");
        }
    }
}
