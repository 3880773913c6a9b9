package io.authroutes.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A credential obtained from a provider's token endpoint.
 *
 * @param value        what is sent to the provider on each call
 * @param obtainedAt   when the request that produced it was sent
 * @param expiresAt    when it stops working; {@code null} when the provider states no expiry
 *                     (ZONT tokens live until revoked)
 * @param refreshToken the refresh token that came with it, or {@code null}
 * @param attributes   other fields of the answer a provider's routes may need (never secrets)
 *
 * <p>A value, compared by these five fields. A class rather than a record for two fields that are not part of
 * the value: whether the upstream has accepted a call carrying this very instance, which the failure policy
 * reads to tell a revoked token from an upstream that refuses every new one; and the calls carrying it, which
 * a session's logout waits for once it is replaced.
 */
public final class Token {

    private static final String FINGERPRINT_ALGORITHM = "HmacSHA256";
    private static final SecretKeySpec FINGERPRINT_KEY = new SecretKeySpec(randomKey(), FINGERPRINT_ALGORITHM);

    private final String value;
    private final Instant obtainedAt;
    private final Instant expiresAt;
    private final String refreshToken;
    private final Map<String, String> attributes;
    /** Written once, by the first accepted call; read by every call, so a call costs one volatile read. */
    private volatile boolean accepted;
    private final SessionUse use = new SessionUse();

    public Token(String value, Instant obtainedAt, Instant expiresAt, String refreshToken, Map<String, String> attributes) {
        this.value = Objects.requireNonNull(value, "value");
        this.obtainedAt = Objects.requireNonNull(obtainedAt, "obtainedAt");
        this.expiresAt = expiresAt;
        this.refreshToken = refreshToken;
        this.attributes = Map.copyOf(attributes);
    }

    public String value() {
        return value;
    }

    public Instant obtainedAt() {
        return obtainedAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public String refreshToken() {
        return refreshToken;
    }

    public Map<String, String> attributes() {
        return attributes;
    }

    /** Whether a call carrying this token was accepted by the upstream. */
    boolean accepted() {
        return accepted;
    }

    /** Marks this token accepted; true for the call that marked it (or for one of a few racing first ones). */
    boolean markAccepted() {
        if (accepted) {
            return false;
        }
        accepted = true;
        return true;
    }

    SessionUse use() {
        return use;
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

    /**
     * A short hash that tells tokens apart in logs, the MBean and health details without revealing them.
     * It is keyed (HMAC-SHA256, RFC 2104) with a random key made when the process starts and never
     * shown: some "tokens" are credentials themselves (Basic {@code user:password} with asToken=true),
     * and an unkeyed hash of those would let anyone who reads a log test password guesses offline.
     * Keying every token, rather than hiding the fingerprint of credential-derived ones, keeps one rule
     * for all tokens and keeps what operators use fingerprints for: the same token shows the same
     * fingerprint everywhere in this process. Across restarts, and between instances sharing one token
     * through the store, fingerprints of the same token differ: they tell tokens apart within one process.
     */
    public String fingerprint() {
        try {
            Mac mac = Mac.getInstance(FINGERPRINT_ALGORITHM);
            mac.init(FINGERPRINT_KEY);
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)), 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(FINGERPRINT_ALGORITHM + " is part of every JRE", e);
        }
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Token t && value.equals(t.value) && obtainedAt.equals(t.obtainedAt)
                && Objects.equals(expiresAt, t.expiresAt) && Objects.equals(refreshToken, t.refreshToken)
                && attributes.equals(t.attributes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, obtainedAt, expiresAt, refreshToken, attributes);
    }

    @Override
    public String toString() {
        return "Token[" + fingerprint() + ", obtainedAt=" + obtainedAt + ", expiresAt=" + expiresAt
                + (refreshToken == null ? "" : ", with refresh token") + "]";
    }
}
