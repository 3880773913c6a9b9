package io.authroutes.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Salebasis (seed 003): form {@code POST /login} returns {token, validTo, user}; {@code GET /login?token=}
 * validates (404 when expired), {@code PUT /login} extends from now, {@code DELETE /login?token=} revokes
 * (204). {@code GET /orders} with {@code X-Auth-Bearer}. The real API lives 24 h, or 30 days with
 * longtoken=true; the sandbox uses its own short lifetime for both.
 */
public final class SalebasisSimulator extends SimulatedProvider {

    public static final String LOGIN = "demo";
    public static final String PASSWORD = "demo-password";

    /** The undocumented validTo format, as different servers might write it. */
    public enum ValidToFormat {
        SPACED(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC)),
        ISO_OFFSET(DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZoneOffset.ofHours(1))),
        ISO_LOCAL(DateTimeFormatter.ISO_LOCAL_DATE_TIME.withZone(ZoneOffset.UTC)),
        UNREADABLE(DateTimeFormatter.ofPattern("'valid until' d MMM").withZone(ZoneOffset.UTC));

        private final DateTimeFormatter formatter;

        ValidToFormat(DateTimeFormatter formatter) {
            this.formatter = formatter;
        }
    }

    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private volatile ValidToFormat validToFormat = ValidToFormat.SPACED;

    SalebasisSimulator(Clock clock, SandboxSettings settings) {
        super("/salebasis", clock, settings);
    }

    public void validToFormat(ValidToFormat format) {
        this.validToFormat = format;
    }

    /** Tokens removed with DELETE /login, in any order. */
    public Set<String> revokedTokens() {
        return Set.copyOf(revoked);
    }

    @Override
    protected SimReply answer(SimRequest request) {
        if (request.path().equals("/login")) {
            return switch (request.method()) {
                case "POST" -> tokenRequest("login", () -> login(request.form()));
                case "GET" -> tokenRequest("validate", () -> validate(request.query().getOrDefault("token", "")));
                case "PUT" -> tokenRequest("extend", () -> extend(request.json()));
                case "DELETE" -> tokenRequest("revoke", () -> revoke(request.query().getOrDefault("token", "")));
                default -> SimReply.json(405, Map.of("error", "method_not_allowed"));
            };
        }
        if (is(request, "GET", "/orders")) {
            return callWith(request.header("X-Auth-Bearer")) ? orders() : SimReply.json(401, Map.of("error", "unauthorized"));
        }
        return SimReply.notFound();
    }

    private SimReply login(Map<String, String> form) {
        if (!LOGIN.equals(form.get("login")) || !PASSWORD.equals(form.get("pass"))) {
            return SimReply.json(401, Map.of("error", "Nieprawidłowy login lub hasło"));
        }
        return session(tokens.issue(lifetimeFromNow()));
    }

    private SimReply validate(String token) {
        return tokens.isValid(token, clock.instant()) ? session(token) : SimReply.notFound();
    }

    private SimReply extend(JsonNode body) {
        String token = body.path("token").asText("");
        if (!tokens.isValid(token, clock.instant())) {
            return SimReply.notFound();
        }
        tokens.extend(token, lifetimeFromNow());
        return session(token);
    }

    private SimReply revoke(String token) {
        if (tokens.revoke(token)) {
            revoked.add(token);
        }
        return SimReply.empty(204);
    }

    private Instant lifetimeFromNow() {
        return clock.instant().plus(settings.tokenLifetime().isZero() ? Duration.ofDays(1) : settings.tokenLifetime());
    }

    private SimReply session(String token) {
        Instant validTo = tokens.expiry(token).orElseThrow();
        return SimReply.json(200, Map.of("token", token, "validTo", validToFormat.formatter.format(validTo),
                "user", Map.of("login", LOGIN, "name", "Anna Demo")));
    }

    private static SimReply orders() {
        return SimReply.json(200, Map.of("orders", List.of(
                Map.of("id", 9001, "number", "ZAM/2026/11/0421", "status", "paid", "total", 349.99, "currency", "PLN"),
                Map.of("id", 9002, "number", "ZAM/2026/11/0422", "status", "new", "total", 89.00, "currency", "PLN"))));
    }
}
