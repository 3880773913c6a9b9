package io.authroutes.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A credential obtained from a provider's token endpoint.
 *
 * @param value        what is sent to the provider on each call
 * @param obtainedAt   when the request that produced it was sent
 * @param expiresAt    when it stops working; {@code null} when the provider states no expiry
 *                     (ZONT tokens live until revoked)
 * @param refreshToken the refresh token that came with it, or {@code null}
 * @param attributes   other fields of the answer a provider's routes may need (never secrets)
 */
public record Token(String value, Instant obtainedAt, Instant expiresAt, String refreshToken,
                    Map<String, String> attributes) {

    public Token {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(obtainedAt, "obtainedAt");
        attributes = Map.copyOf(attributes);
    }

    public static Token of(String value, Instant obtainedAt, Instant expiresAt) {
        return new Token(value, obtainedAt, expiresAt, null, Map.of());
    }

    public Optional<Instant> expiry() {
        return Optional.ofNullable(expiresAt);
    }

    public Optional<String> refresh() {
        return Optional.ofNullable(refreshToken);
    }

    public boolean isExpiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** A refresh answer without a refresh token keeps the old one (design: token lifecycle rules). */
    public Token keepingRefreshTokenOf(Token previous) {
        if (refreshToken != null || previous == null || previous.refreshToken == null) {
            return this;
        }
        return new Token(value, obtainedAt, expiresAt, previous.refreshToken, attributes);
    }

    /** A short, stable hash that tells tokens apart on screens without revealing them. */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    @Override
    public String toString() {
        return "Token[" + fingerprint() + ", obtainedAt=" + obtainedAt + ", expiresAt=" + expiresAt
                + (refreshToken == null ? "" : ", with refresh token") + "]";
    }
}
