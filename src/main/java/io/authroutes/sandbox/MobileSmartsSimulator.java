package io.authroutes.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cleverence Mobile SMARTS (seed 001): Basic on every call, {@code GET api/v1/session} (capitalised keys,
 * as the doc shows) or {@code POST oauth/token} with the password grant (lower-case keys); refresh
 * tokens rotate. OData-style lists at {@code api/v1/Docs} and {@code api/v1/Products}.
 */
public final class MobileSmartsSimulator extends SimulatedProvider {

    public static final String USERNAME = "demo";
    public static final String PASSWORD = "demo-password";
    public static final String CLIENT_ID = "ms-client";
    public static final String CLIENT_SECRET = "ms-secret";

    private final Set<String> refreshTokens = ConcurrentHashMap.newKeySet();
    private volatile boolean rotateRefreshTokens = true;

    MobileSmartsSimulator(Clock clock, SandboxSettings settings) {
        super("/mobilesmarts", clock, settings);
    }

    /** With false, refresh answers carry no refresh token and the one used stays valid. */
    public void rotateRefreshTokens(boolean rotate) {
        this.rotateRefreshTokens = rotate;
    }

    /** Every refresh token stops working, as when a server forgets its sessions. */
    public void forgetRefreshTokens() {
        refreshTokens.clear();
    }

    @Override
    protected SimReply answer(SimRequest request) {
        if (is(request, "GET", "/api/v1/session")) {
            return tokenRequest("login", () -> session(request.query()));
        }
        if (is(request, "POST", "/oauth/token")) {
            Map<String, String> form = request.form();
            boolean refresh = "refresh_token".equals(form.get("grant_type"));
            return tokenRequest(refresh ? "refresh" : "login", () -> refresh ? refresh(form) : password(form));
        }
        if (request.method().equals("GET") && (request.path().equals("/api/v1/Docs") || request.path().equals("/api/v1/Products"))) {
            return authorized(request) ? list(request.path()) : SimReply.json(401, Map.of("error", "unauthorized"));
        }
        return SimReply.notFound();
    }

    private SimReply session(Map<String, String> query) {
        if (!USERNAME.equals(query.get("username")) || !PASSWORD.equals(query.get("password"))) {
            return SimReply.json(401, Map.of("error", "invalid_credentials"));
        }
        return issue(true, true);
    }

    private SimReply password(Map<String, String> form) {
        if (!"password".equals(form.get("grant_type")) || !clientOk(form)
                || !USERNAME.equals(form.get("username")) || !PASSWORD.equals(form.get("password"))) {
            return SimReply.json(400, Map.of("error", "invalid_grant"));
        }
        return issue(false, true);
    }

    private SimReply refresh(Map<String, String> form) {
        String used = form.getOrDefault("refresh_token", "");
        if (!clientOk(form) || !refreshTokens.contains(used)) {
            return SimReply.json(400, Map.of("error", "invalid_grant"));
        }
        if (rotateRefreshTokens) {
            refreshTokens.remove(used);
        }
        return issue(false, rotateRefreshTokens);
    }

    private static boolean clientOk(Map<String, String> form) {
        return CLIENT_ID.equals(form.get("client_id")) && CLIENT_SECRET.equals(form.get("client_secret"));
    }

    /** The doc shows capitalised keys (Access_token); newer servers answer lower-case OAuth keys. */
    private SimReply issue(boolean capitalised, boolean withRefreshToken) {
        long lifetime = settings.tokenLifetime().toSeconds();
        Map<String, Object> body = new HashMap<>();
        body.put(capitalised ? "Access_token" : "access_token", tokens.issue(clock.instant().plusSeconds(lifetime)));
        body.put(capitalised ? "Token_type" : "token_type", "bearer");
        body.put(capitalised ? "Expires_in" : "expires_in", lifetime);
        if (withRefreshToken) {
            String refresh = "r-" + tokens.issue(null);
            tokens.revoke(refresh.substring(2));
            refreshTokens.add(refresh);
            body.put(capitalised ? "Refresh_token" : "refresh_token", refresh);
        }
        return SimReply.json(200, body);
    }

    private boolean authorized(SimRequest request) {
        String basic = Base64.getEncoder().encodeToString((USERNAME + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        if (request.authorization("Basic").equals(basic)) {
            countCall();
            return true;
        }
        return callWith(request.authorization("Bearer"));
    }

    private static SimReply list(String path) {
        return SimReply.json(200, Map.of("value", path.endsWith("Docs") ? List.of(
                Map.of("id", "d-1042", "name", "Приход 1042", "documentTypeName", "Приход", "finished", false),
                Map.of("id", "d-1043", "name", "Инвентаризация 17", "documentTypeName", "Инвентаризация", "finished", true))
                : List.of(Map.of("id", "p-77", "name", "Молоко 3,2% 1 л", "barcode", "4607001234567"),
                        Map.of("id", "p-78", "name", "Хлеб ржаной", "barcode", "4607007654321"))));
    }
}
