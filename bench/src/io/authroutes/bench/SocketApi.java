package io.authroutes.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.ToIntFunction;

/**
 * The fake's API on plain blocking sockets, one thread per connection: HTTP/1.1 with keep-alive (RFC 9112
 * section 9.3), the request's head read and the answer written at once. The JDK's server moves every
 * connection between its selector and a worker thread on each request, which made the fake spend about as
 * much CPU per call as the callers; the fake must cost well below them for the calls a second to be the
 * callers' figure. It answers GET requests to one path from the request's {@code Authorization} header.
 */
final class SocketApi implements AutoCloseable {

    private static final byte[] UNAUTHORIZED = head(401, "Unauthorized", 0);
    private static final byte[] NOT_FOUND = head(404, "Not Found", 0);

    private final String path;
    private final byte[] ok;
    private final ToIntFunction<String> status;
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-api");
        t.setDaemon(true);
        return t;
    });

    /** {@code status}: 200 or 401 for the {@code Authorization} header's value (null without one). */
    SocketApi(String path, byte[] body, ToIntFunction<String> status) throws IOException {
        this.path = path;
        this.status = status;
        byte[] head = head(200, "OK", body.length);
        ok = new byte[head.length + body.length];
        System.arraycopy(head, 0, ok, 0, head.length);
        System.arraycopy(body, 0, ok, head.length, body.length);
        server = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    private static byte[] head(int status, String reason, int length) {
        return ("HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: application/json\r\nContent-Length: " + length
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                // the answer is one write; without this it would wait for the client's delayed ACK (RFC 896)
                socket.setTcpNoDelay(true);
                open.add(socket);
                threads.execute(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        StringBuilder line = new StringBuilder(256);
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream()); OutputStream out = socket.getOutputStream()) {
            while (readLine(in, line)) {
                String target = line.toString().split(" ")[1];
                String authorization = null;
                long length = 0;
                boolean close = false;
                while (readLine(in, line) && line.length() > 0) {
                    int colon = line.indexOf(":");
                    String name = colon < 0 ? "" : line.substring(0, colon);
                    if (name.equalsIgnoreCase("Authorization")) {
                        authorization = line.substring(colon + 1).trim();
                    } else if (name.equalsIgnoreCase("Content-Length")) {
                        length = Long.parseLong(line.substring(colon + 1).trim());
                    } else if (name.equalsIgnoreCase("Connection")) {
                        close = line.substring(colon + 1).trim().equalsIgnoreCase("close");
                    }
                }
                in.skipNBytes(length);
                boolean known = target.equals(path) || target.startsWith(path + "?");
                out.write(!known ? NOT_FOUND : status.applyAsInt(authorization) == 200 ? ok : UNAUTHORIZED);
                out.flush();
                if (close) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client closed the connection, or sent what this fake does not read: the connection ends
        } finally {
            open.remove(socket);
        }
    }

    /** One line of the request's head into {@code line}, without its CRLF; false at the end of the stream. */
    private static boolean readLine(InputStream in, StringBuilder line) throws IOException {
        line.setLength(0);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return false;
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
        threads.shutdownNow();
    }
}
