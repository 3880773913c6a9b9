package io.authroutes.sandbox;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * yaVapteke (seed 002): OAuth2 client credentials at {@code connect/token}, the secret in
 * {@code client_secret} or {@code secret}; {@code GET api/v1/orders} with a Bearer token; 401 otherwise.
 */
public final class YaVaptekeSimulator extends SimulatedProvider {

    public static final String CLIENT_ID = "sandbox-client";
    public static final String CLIENT_SECRET = "sandbox-secret";

    YaVaptekeSimulator(Clock clock, SandboxSettings settings) {
        super("/yavapteke", clock, settings);
    }

    @Override
    protected SimReply answer(SimRequest request) {
        if (is(request, "POST", "/connect/token")) {
            return tokenRequest("login", () -> token(request.form()));
        }
        if (is(request, "GET", "/api/v1/orders")) {
            return callWith(request.authorization("Bearer")) ? orders() : SimReply.json(401, Map.of("message", "Unauthorized"));
        }
        return SimReply.notFound();
    }

    private SimReply token(Map<String, String> form) {
        String grant = form.getOrDefault("grant_type", "client_credentials");
        if (!grant.equals("client_credentials")) {
            return SimReply.json(400, Map.of("error", "unsupported_grant_type"));
        }
        String secret = form.getOrDefault("client_secret", form.getOrDefault("secret", ""));
        if (!CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(secret)) {
            return SimReply.json(400, Map.of("error", "invalid_client"));
        }
        long lifetime = settings.tokenLifetime().toSeconds();
        return SimReply.json(200, Map.of("access_token", tokens.issue(clock.instant().plusSeconds(lifetime)),
                "expires_in", lifetime, "token_type", "Bearer", "scope", "api"));
    }

    private SimReply orders() {
        return SimReply.json(200, List.of(
                Map.of("id", "YA-58213", "status", "new", "pharmacyId", 311, "total", 1289.50,
                        "items", List.of(Map.of("sku", "4602193013427", "name", "Ибупрофен 200 мг №50", "qty", 2))),
                Map.of("id", "YA-58214", "status", "new", "pharmacyId", 311, "total", 456.00,
                        "items", List.of(Map.of("sku", "4601969009856", "name", "Аскорбиновая кислота", "qty", 3)))));
    }
}
