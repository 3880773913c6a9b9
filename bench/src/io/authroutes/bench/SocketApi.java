package io.authroutes.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.function.ToIntFunction;

/**
 * The fake's API on one thread and a selector: HTTP/1.1 with keep-alive (RFC 9112 section 9.3), each
 * request's head read from whichever connections are ready and its answer written at once. The JDK's
 * server moves every connection between its selector and a worker thread on each request, which made the
 * fake spend about as much CPU per call as the callers; the fake must cost well below them for the calls a
 * second to be the callers' figure. It answers GET requests to one path from their {@code Authorization}
 * header, and reads a request body only by its Content-Length.
 */
final class SocketApi implements AutoCloseable {

    private static final byte[] UNAUTHORIZED = head(401, "Unauthorized", 0);
    private static final byte[] NOT_FOUND = head(404, "Not Found", 0);
    private static final byte[] END_OF_HEAD = {'\r', '\n', '\r', '\n'};

    private final String path;
    private final byte[] ok;
    private final ToIntFunction<String> status;
    private final ServerSocketChannel server;
    private final Selector selector;
    private final Thread loop;

    /** {@code status}: 200 or 401 for the {@code Authorization} header's value (null without one). */
    SocketApi(String path, byte[] body, ToIntFunction<String> status) throws IOException {
        this.path = path;
        this.status = status;
        byte[] head = head(200, "OK", body.length);
        ok = new byte[head.length + body.length];
        System.arraycopy(head, 0, ok, 0, head.length);
        System.arraycopy(body, 0, ok, head.length, body.length);
        server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.configureBlocking(false);
        selector = Selector.open();
        server.register(selector, SelectionKey.OP_ACCEPT);
        loop = new Thread(this::serve, "fake-api");
        loop.setDaemon(true);
        loop.start();
    }

    private static byte[] head(int status, String reason, int length) {
        return ("HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: application/json\r\nContent-Length: " + length
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    int port() {
        return server.socket().getLocalPort();
    }

    private void serve() {
        while (selector.isOpen()) {
            try {
                selector.select();
                for (Iterator<SelectionKey> keys = selector.selectedKeys().iterator(); keys.hasNext(); ) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    if (key.isAcceptable()) {
                        accept();
                    } else if (key.isReadable()) {
                        read(key);
                    }
                }
            } catch (IOException | RuntimeException e) {
                return;
            }
        }
    }

    private void accept() throws IOException {
        SocketChannel client = server.accept();
        if (client != null) {
            client.configureBlocking(false);
            // the answer is one write; without this it could wait for the client's delayed ACK (RFC 896)
            client.setOption(StandardSocketOptions.TCP_NODELAY, true);
            client.register(selector, SelectionKey.OP_READ, ByteBuffer.allocate(16 * 1024));
        }
    }

    /** Reads what arrived; answers every complete request in it; a closed or unreadable connection ends. */
    private void read(SelectionKey key) {
        SocketChannel client = (SocketChannel) key.channel();
        ByteBuffer in = (ByteBuffer) key.attachment();
        try {
            if (client.read(in) < 0) {
                close(key);
                return;
            }
            in.flip();
            while (answer(client, in)) {
                // the next request of the same connection, if a client pipelined one
            }
            in.compact();
            if (!in.hasRemaining()) {
                close(key);
            }
        } catch (IOException | RuntimeException e) {
            close(key);
        }
    }

    /** Answers the request at {@code in}'s position when its head (and body) arrived whole; false otherwise. */
    private boolean answer(SocketChannel client, ByteBuffer in) throws IOException {
        int end = indexOf(in, END_OF_HEAD);
        if (end < 0) {
            return false;
        }
        String head = new String(in.array(), in.position(), end - in.position(), StandardCharsets.ISO_8859_1);
        String authorization = null;
        int length = 0;
        String[] lines = head.split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            String name = colon < 0 ? "" : lines[i].substring(0, colon);
            if (name.equalsIgnoreCase("Authorization")) {
                authorization = lines[i].substring(colon + 1).trim();
            } else if (name.equalsIgnoreCase("Content-Length")) {
                length = Integer.parseInt(lines[i].substring(colon + 1).trim());
            }
        }
        int bodyStart = end + END_OF_HEAD.length;
        if (in.limit() - bodyStart < length) {
            return false;
        }
        in.position(bodyStart + length);
        String target = lines[0].split(" ")[1];
        boolean known = target.equals(path) || target.startsWith(path + "?");
        ByteBuffer out = ByteBuffer.wrap(!known ? NOT_FOUND : status.applyAsInt(authorization) == 200 ? ok : UNAUTHORIZED);
        while (out.hasRemaining()) {
            // a few hundred bytes: the loopback socket's send buffer takes them in one write
            client.write(out);
        }
        return true;
    }

    private static int indexOf(ByteBuffer in, byte[] what) {
        byte[] bytes = in.array();
        for (int i = in.position(); i <= in.limit() - what.length; i++) {
            if (bytes[i] == what[0] && bytes[i + 1] == what[1] && bytes[i + 2] == what[2] && bytes[i + 3] == what[3]) {
                return i;
            }
        }
        return -1;
    }

    private static void close(SelectionKey key) {
        key.cancel();
        try {
            key.channel().close();
        } catch (IOException e) {
            // closing a connection that failed: nothing more to do
        }
    }

    @Override
    public void close() throws IOException {
        selector.close();
        server.close();
        loop.interrupt();
    }
}
