package io.authroutes.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * ZONT (seed 000): {@code POST get_authtoken} with HTTP Basic and {@code X-ZONT-Client} returns a token
 * without expiry; {@code POST devices} with {@code X-ZONT-Token} lists heating controllers; a revoked
 * or unknown token gets 403.
 */
public final class ZontSimulator extends SimulatedProvider {

    public static final String LOGIN = "demo";
    public static final String PASSWORD = "demo-password";

    ZontSimulator(Clock clock, SandboxSettings settings) {
        super("/zont/api", clock, settings);
    }

    @Override
    protected SimReply answer(SimRequest request) {
        if (is(request, "POST", "/get_authtoken")) {
            return tokenRequest("login", () -> login(request));
        }
        if (is(request, "POST", "/devices")) {
            return devices(request);
        }
        return SimReply.notFound();
    }

    private SimReply login(SimRequest request) {
        if (request.header("X-ZONT-Client").isBlank()) {
            return SimReply.json(400, Map.of("ok", false, "error", "client_required",
                    "error_ui", List.of("Не указан заголовок X-ZONT-Client", "Укажите контактный e-mail")));
        }
        String expected = Base64.getEncoder().encodeToString((LOGIN + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        if (!request.authorization("Basic").equals(expected)) {
            return SimReply.json(403, Map.of("ok", false, "error", "auth_failed", "error_ui", "Неверный логин или пароль"));
        }
        return SimReply.json(200, Map.of("ok", true, "token", tokens.issue(null), "token_id", "tid-" + tokenRequests("login")));
    }

    private SimReply devices(SimRequest request) {
        if (request.header("X-ZONT-Client").isBlank() || !callWith(request.header("X-ZONT-Token"))) {
            return SimReply.json(403, Map.of("ok", false, "error", "invalid_token", "error_ui", "Токен недействителен или отозван"));
        }
        double drift = (clock.instant().getEpochSecond() % 20) / 10.0;
        return SimReply.json(200, Map.of("ok", true, "devices", List.of(
                Map.of("id", 100234, "name", "Котельная, дом", "model", "H-2000+", "online", true,
                        "temperature", Map.of("boiler", 61.5 + drift, "room", 21.8, "outside", -4.2)),
                Map.of("id", 100871, "name", "Дача", "model", "H-1000+", "online", false,
                        "temperature", Map.of("room", 9.0 + drift, "outside", -6.1)))));
    }
}
