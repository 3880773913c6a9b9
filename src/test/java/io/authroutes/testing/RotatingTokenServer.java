package io.authroutes.testing;

import io.authroutes.testing.FakeApi.Reply;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OAuth2 server as strict as the real ones (RFC 6749 sections 4.3 and 6, RFC 9700 section 4.14.2):
 * the password grant, refresh tokens that rotate and may be presented once, and an API at
 * {@code /api/v1/items} that accepts only live access tokens. Counts what reached it.
 */
public final class RotatingTokenServer implements AutoCloseable {

    public static final String PASSWORD = "cluster-password-5b1e";

    private final FakeApi api = new FakeApi();
    private final Set<String> accessTokens = ConcurrentHashMap.newKeySet();
    private final Set<String> refreshTokens = ConcurrentHashMap.newKeySet();
    private final Set<String> issued = ConcurrentHashMap.newKeySet();
    private final AtomicInteger serial = new AtomicInteger();
    private final AtomicInteger logins = new AtomicInteger();
    private final AtomicInteger refreshes = new AtomicInteger();
    private final AtomicInteger invalidGrants = new AtomicInteger();
    private final CountDownLatch loginArrived = new CountDownLatch(1);
    private volatile CountDownLatch holdLogins = new CountDownLatch(0);
    private volatile long refreshLatencyMillis;
    private volatile long lifetimeSeconds = 3600;

    public RotatingTokenServer() {
        api.on("/oauth/token", request -> token(form(request.body())))
                .on("/api/v1/items", request -> accessTokens.contains(request.header("Authorization").replace("Bearer ", ""))
                        ? new Reply(200, "{\"items\": []}") : new Reply(401, "{\"error\": \"invalid_token\"}"));
    }

    private Reply token(Map<String, String> form) {
        if ("refresh_token".equals(form.get("grant_type"))) {
            refreshes.incrementAndGet();
            boolean live = refreshTokens.remove(form.getOrDefault("refresh_token", ""));
            pause(refreshLatencyMillis);
            if (!live) {
                invalidGrants.incrementAndGet();
                return new Reply(400, "{\"error\": \"invalid_grant\"}");
            }
            return issue();
        }
        logins.incrementAndGet();
        loginArrived.countDown();
        try {
            holdLogins.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return PASSWORD.equals(form.get("password")) ? issue()
                : new Reply(400, "{\"error\": \"invalid_grant\", \"error_description\": \"wrong username or password\"}");
    }

    /** A provider under load: the refresh grant is consumed on arrival, and answered only after the latency. */
    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Reply issue() {
        int n = serial.incrementAndGet();
        String access = "at-" + n + "-" + Long.toHexString(System.nanoTime());
        String refresh = "rt-" + n + "-" + Long.toHexString(System.nanoTime());
        accessTokens.add(access);
        refreshTokens.add(refresh);
        issued.add(access);
        issued.add(refresh);
        return new Reply(200, "{\"access_token\": \"" + access + "\", \"token_type\": \"bearer\", \"expires_in\": " + lifetimeSeconds + ","
                + " \"refresh_token\": \"" + refresh + "\"}");
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2) {
                fields.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    /** The provider block that points {@code mobilesmarts} (password grant, rotating refresh) at this server. */
    public Map<String, String> provider(String password) {
        return Map.of("providers.mobilesmarts.baseUrl", api.url("/api/v1"),
                "providers.mobilesmarts.tokenUrl", api.url("/oauth/token"),
                "providers.mobilesmarts.grant", "password",
                // credentials of its own: the app sends the sandbox's demo ones to the sandbox only
                "providers.mobilesmarts.username", "warehouse-7", "providers.mobilesmarts.clientId", "ms-client-7",
                "providers.mobilesmarts.clientSecret", "ms-secret-7d2e",
                "providers.mobilesmarts.password", password);
    }

    /** Every access token stops working, as when the provider's administrator ends all sessions. */
    public void revokeAll() {
        accessTokens.clear();
    }

    /** Logins are answered only once {@link #answerLogins()} is called. */
    public void holdLogins() {
        holdLogins = new CountDownLatch(1);
    }

    public void answerLogins() {
        holdLogins.countDown();
    }

    /** Tokens issued from now on live {@code lifetime} ({@code expires_in}). */
    public void tokenLifetime(Duration lifetime) {
        lifetimeSeconds = lifetime.toSeconds();
    }

    /** Every refresh from now on is answered {@code latency} after it arrived. */
    public void slowRefreshes(Duration latency) {
        refreshLatencyMillis = latency.toMillis();
    }

    public boolean awaitLogin(long seconds) throws InterruptedException {
        return loginArrived.await(seconds, TimeUnit.SECONDS);
    }

    public int logins() {
        return logins.get();
    }

    public int refreshes() {
        return refreshes.get();
    }

    public int invalidGrants() {
        return invalidGrants.get();
    }

    /** Every access and refresh token handed out so far. */
    public Set<String> issued() {
        return Set.copyOf(issued);
    }

    @Override
    public void close() {
        answerLogins();
        api.close();
    }
}
