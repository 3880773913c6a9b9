package io.authroutes.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OAuth2 client-credentials provider on loopback (RFC 6749 section 4.4): {@code POST /connect/token}
 * answers {@code access_token} and {@code expires_in} after a configurable latency; {@code GET /api/orders}
 * answers 200 to a known, unexpired, unrevoked Bearer token and 401 otherwise. It counts per client id
 * what reached it: token requests, and API answers of 401; and the revocations it was told to make. The
 * token endpoint (the JDK's HTTP server) has its own port, and the API its own ({@link SocketApi}), or both
 * share the token endpoint's server when {@code tokenOnApiHost}. It runs in its own JVM
 * ({@link FakeProviderProcess}), so what it costs to answer is not paid by the callers' CPUs.
 */
final class FakeProvider implements AutoCloseable {

    static final String SECRET = "bench-secret";

    static {
        // the JDK's server writes a response's head and body apart; with Nagle's algorithm (RFC 896) on, the
        // body waits for the client's delayed ACK (RFC 1122 section 4.2.3.2), about 40 ms on Linux, which
        // would hide everything a lone caller measures. Read once, when the first server is made.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    private static final byte[] ORDERS = "{\"orders\":[{\"id\":1,\"status\":\"new\"}]}".getBytes(StandardCharsets.UTF_8);

    private record Issued(String clientId, long expiresAtNanos) {
    }

    private final Duration tokenLatency;
    private final Duration tokenLifetime;
    /** The API on its own port, or null when it shares the token endpoint's server. */
    private final SocketApi api;
    private final HttpServer tokens;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-provider");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Issued> issued = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> tokenRequests = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> unauthorized = new ConcurrentHashMap<>();
    private final AtomicInteger revocations = new AtomicInteger();

    FakeProvider(Duration tokenLatency, Duration tokenLifetime, boolean tokenOnApiHost) throws IOException {
        this.tokenLatency = tokenLatency;
        this.tokenLifetime = tokenLifetime;
        tokens = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        tokens.setExecutor(threads);
        tokens.createContext("/connect/token", this::token);
        if (tokenOnApiHost) {
            api = null;
            tokens.createContext("/api/orders", this::orders);
        } else {
            api = new SocketApi("/api/orders", ORDERS, this::status);
        }
        tokens.start();
    }

    int apiPort() {
        return api == null ? tokens.getAddress().getPort() : api.port();
    }

    int tokenPort() {
        return tokens.getAddress().getPort();
    }

    /** A token that never expires, for the static-header baseline. */
    String staticToken() {
        String token = UUID.randomUUID().toString();
        issued.put(token, new Issued("static", Long.MAX_VALUE));
        return token;
    }

    int tokenRequests(String clientId) {
        return tokenRequests.getOrDefault(clientId, new AtomicInteger()).get();
    }

    int unauthorized(String clientId) {
        return unauthorized.getOrDefault(clientId, new AtomicInteger()).get();
    }

    int revocations() {
        return revocations.get();
    }

    /** Every issued token (but the static one) is refused from now on, still attributed to its client. */
    void revokeAll() {
        revocations.incrementAndGet();
        long now = System.nanoTime();
        issued.replaceAll((token, it) -> it.clientId().equals("static") ? it : new Issued(it.clientId(), now));
    }

    /** The tokens of one client are refused from now on, as a password change or an operator would do. */
    void revoke(String clientId) {
        revocations.incrementAndGet();
        long now = System.nanoTime();
        issued.replaceAll((token, it) -> it.clientId().equals(clientId) ? new Issued(it.clientId(), Math.min(now, it.expiresAtNanos())) : it);
    }

    /** Forgets tokens that expired a minute ago or more, so a long run measures the app's memory, not the fake's. */
    void forgetExpired() {
        long minuteAgo = System.nanoTime() - Duration.ofMinutes(1).toNanos();
        issued.values().removeIf(it -> it.expiresAtNanos() - minuteAgo < 0);
    }

    private void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> form = form(exchange.getRequestBody());
            basicCredentials(exchange.getRequestHeaders().getFirst("Authorization")).ifPresent(form::putAll);
            String clientId = form.getOrDefault("client_id", "?");
            tokenRequests.computeIfAbsent(clientId, k -> new AtomicInteger()).incrementAndGet();
            pause(tokenLatency);
            if (!"client_credentials".equals(form.get("grant_type")) || !SECRET.equals(form.get("client_secret"))) {
                send(exchange, 400, "{\"error\":\"invalid_client\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String token = UUID.randomUUID().toString();
            issued.put(token, new Issued(clientId, System.nanoTime() + tokenLifetime.toNanos()));
            send(exchange, 200, ("{\"access_token\":\"" + token + "\",\"expires_in\":" + tokenLifetime.toSeconds()
                    + ",\"token_type\":\"Bearer\",\"scope\":\"api\"}").getBytes(StandardCharsets.UTF_8));
        }
    }

    private void orders(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            int status = status(exchange.getRequestHeaders().getFirst("Authorization"));
            send(exchange, status, status == 200 ? ORDERS : new byte[0]);
        }
    }

    /** 200 to a known, unexpired, unrevoked Bearer token; 401, counted for the token's client, otherwise. */
    private int status(String authorization) {
        String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : "";
        Issued known = issued.get(token);
        if (known == null || System.nanoTime() - known.expiresAtNanos() >= 0) {
            unauthorized.computeIfAbsent(known == null ? "?" : known.clientId(), k -> new AtomicInteger()).incrementAndGet();
            return 401;
        }
        return 200;
    }

    private static Map<String, String> form(InputStream body) throws IOException {
        Map<String, String> fields = new ConcurrentHashMap<>();
        for (String pair : new String(body.readAllBytes(), StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    /** Client authentication by HTTP Basic (RFC 6749 section 2.3.1), as camel-http sends it by default. */
    private static java.util.Optional<Map<String, String>> basicCredentials(String authorization) {
        if (authorization == null || !authorization.startsWith("Basic ")) {
            return java.util.Optional.empty();
        }
        String pair = new String(java.util.Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        return java.util.Optional.of(Map.of(
                "client_id", URLDecoder.decode(pair.substring(0, colon), StandardCharsets.UTF_8),
                "client_secret", URLDecoder.decode(pair.substring(colon + 1), StandardCharsets.UTF_8)));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    private static void pause(Duration latency) {
        if (!latency.isZero()) {
            try {
                Thread.sleep(latency.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (api != null) {
            api.close();
        }
        tokens.stop(0);
        threads.shutdownNow();
    }
}
