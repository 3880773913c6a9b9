package io.authroutes.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * A loopback port nothing listens on, for servers that report only the port they were configured
 * with (Camel's management server given port 0 does).
 */
public final class FreePort {

    private FreePort() {
    }

    /** Picks a free port and publishes it as system property {@code name}, for a {@code {{sys:name}}} placeholder. */
    public static int publish(String name) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            System.setProperty(name, String.valueOf(socket.getLocalPort()));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
