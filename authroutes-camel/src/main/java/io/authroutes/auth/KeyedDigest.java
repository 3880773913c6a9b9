package io.authroutes.auth;

import java.security.GeneralSecurityException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 (RFC 2104) of a value: equal values give equal digests for whoever holds the key, and
 * nobody without it can test guesses of the value offline. What a store keeps instead of credentials.
 * Not for applications (public for the Redis token store); may change.
 */
public record KeyedDigest(SecretKey key) {

    private static final String ALGORITHM = "HmacSHA256";

    /** A key of this process alone: digests mean nothing to other instances or after a restart. */
    static KeyedDigest random() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new KeyedDigest(new SecretKeySpec(key, ALGORITHM));
    }

    /** A key for {@code purpose} derived from {@code master}, so one configured key serves several uses apart. */
    public static KeyedDigest derived(SecretKey master, String purpose) {
        return new KeyedDigest(new SecretKeySpec(new KeyedDigest(master).mac(purpose.getBytes(StandardCharsets.UTF_8)),
                ALGORITHM));
    }

    public String hex(byte[] value) {
        return HexFormat.of().formatHex(mac(value));
    }

    private byte[] mac(byte[] value) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key.getEncoded(), ALGORITHM));
            return mac.doFinal(value);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is part of every JRE", e);
        }
    }

    @Override
    public String toString() {
        return "KeyedDigest[key hidden]";
    }
}
