package io.authroutes.sandbox;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The tokens a simulator has issued and still honours; {@code null} expiry means until revoked. */
final class TokenBook {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private static final Instant NEVER = Instant.MAX;

    String issue(Instant expiresAt) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tokens.put(token, expiresAt == null ? NEVER : expiresAt);
        return token;
    }

    boolean isValid(String token, Instant now) {
        Instant expiresAt = token.isEmpty() ? null : tokens.get(token);
        return expiresAt != null && now.isBefore(expiresAt);
    }

    Optional<Instant> expiry(String token) {
        return Optional.ofNullable(tokens.get(token));
    }

    void extend(String token, Instant expiresAt) {
        tokens.computeIfPresent(token, (t, old) -> expiresAt);
    }

    boolean revoke(String token) {
        return tokens.remove(token) != null;
    }

    void revokeAll() {
        tokens.clear();
    }
}
