package io.authroutes.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/** A real HTTP(S) server on a loopback ephemeral port whose paths a test scripts, counting requests per path. */
public final class FakeApi implements AutoCloseable {

    /** What a path answers to one request. */
    @FunctionalInterface
    public interface Answer {
        Reply answer(Request request);
    }

    public record Request(String method, String path, String query, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.getOrDefault(name.toLowerCase(), "");
        }
    }

    /** {@code headers}: response headers besides Content-Type (which they may replace); a value with line breaks is several headers. */
    public record Reply(int status, String json, Map<String, String> headers) {
        public Reply(int status, String json) {
            this(status, json, Map.of());
        }
    }

    private final HttpServer server;
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final Map<String, Map.Entry<String, String>> headers = new ConcurrentHashMap<>();

    private final String scheme;

    public FakeApi() {
        this(null, false);
    }

    /** Served over TLS with {@code tls}'s certificate; {@code clientCertificateRequired}: mTLS. */
    public static FakeApi https(SSLContext tls, boolean clientCertificateRequired) {
        return new FakeApi(tls, clientCertificateRequired);
    }

    private FakeApi(SSLContext tls, boolean clientCertificateRequired) {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        try {
            if (tls == null) {
                server = HttpServer.create(loopback, 0);
            } else {
                HttpsServer https = HttpsServer.create(loopback, 0);
                https.setHttpsConfigurator(new HttpsConfigurator(tls) {
                    @Override
                    public void configure(HttpsParameters parameters) {
                        SSLParameters ssl = tls.getDefaultSSLParameters();
                        ssl.setNeedClientAuth(clientCertificateRequired);
                        parameters.setSSLParameters(ssl);
                    }
                });
                server = https;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        scheme = tls == null ? "http" : "https";
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.start();
    }

    public FakeApi on(String path, Answer answer) {
        counts.put(path, new AtomicInteger());
        server.createContext(path, exchange -> respond(exchange, path, answer));
        return this;
    }

    /** Every answer of {@code path} also carries this response header, e.g. Retry-After. */
    public FakeApi responseHeader(String path, String name, String value) {
        headers.put(path, Map.entry(name, value));
        return this;
    }

    public String url(String path) {
        return scheme + "://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public int requests(String path) {
        return counts.get(path).get();
    }

    private void respond(HttpExchange exchange, String path, Answer answer) throws IOException {
        counts.get(path).incrementAndGet();
        Map<String, String> headers = new ConcurrentHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Reply reply = answer.answer(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(), headers, body));
        byte[] bytes = reply.json() == null ? new byte[0] : reply.json().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        Map.Entry<String, String> extra = this.headers.get(path);
        if (extra != null) {
            exchange.getResponseHeaders().set(extra.getKey(), extra.getValue());
        }
        // a value with line breaks is several headers of that name, e.g. one Set-Cookie per cookie
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().put(name, List.of(value.split("\n"))));
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
