package io.authroutes.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Fingerprints tell tokens apart on screens, and give nothing to test password guesses against. */
class TokenFingerprintTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final String CREDENTIALS = "demo:demo-password";
    private static final String BASIC = Base64.getEncoder().encodeToString(CREDENTIALS.getBytes(StandardCharsets.UTF_8));

    private static String unkeyedHash(String text) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 4);
    }

    @Test
    void aTokenFromBasicCredentialsShowsNoUnsaltedHashOfThem() throws Exception {
        String fingerprint = Token.of(BASIC, NOW, null).fingerprint();

        assertThat(fingerprint).hasSize(8)
                .isNotEqualTo(unkeyedHash(BASIC))
                .isNotEqualTo(unkeyedHash(CREDENTIALS));
    }

    @Test
    void theSameTokenShowsTheSameFingerprintAndAnotherTokenAnother() {
        Token token = Token.of("zt-1f4c", NOW, null);

        assertThat(Token.of("zt-1f4c", NOW.plusSeconds(60), null).fingerprint()).isEqualTo(token.fingerprint());
        assertThat(Token.of("zt-1f4d", NOW, null).fingerprint()).isNotEqualTo(token.fingerprint());
        assertThat(token.toString()).contains(token.fingerprint()).doesNotContain("zt-1f4c");
    }
}
