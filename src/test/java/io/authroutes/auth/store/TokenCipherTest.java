package io.authroutes.auth.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authroutes.auth.Token;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenCipherTest {

    private final TokenCipher cipher = new TokenCipher(RedisStoreSettings.encryptionKey(Optional.of(TestStores.randomKey())));

    @Test
    void sealThenOpenGivesBackEveryFieldOfTheToken() throws Exception {
        Token token = new Token("access-1", Instant.parse("2030-01-01T00:00:00Z"), null, "refresh-1",
                Map.of("userId", "42", "region", "eu"));

        Token opened = TokenCodec.decode(cipher.open(cipher.seal(TokenCodec.encode(token), "k:token"), "k:token"));

        assertThat(opened).isEqualTo(token);
    }

    @Test
    void sealWhenSameTokenTwiceThenDifferentCiphertext() {
        byte[] plain = "access-1".getBytes(StandardCharsets.UTF_8);

        assertThat(cipher.seal(plain, "k:token")).isNotEqualTo(cipher.seal(plain, "k:token"));
    }

    @Test
    void openWhenSealedUnderAnotherKeyNameThenRefused() {
        byte[] sealed = cipher.seal("access-1".getBytes(StandardCharsets.UTF_8), "app:salebasis:aaaa:token");

        assertThatThrownBy(() -> cipher.open(sealed, "app:salebasis:bbbb:token")).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void openWhenSealedWithAnotherEncryptionKeyThenRefused() {
        TokenCipher other = new TokenCipher(RedisStoreSettings.encryptionKey(Optional.of(TestStores.randomKey())));
        byte[] sealed = other.seal("access-1".getBytes(StandardCharsets.UTF_8), "k:token");

        assertThatThrownBy(() -> cipher.open(sealed, "k:token")).isInstanceOf(GeneralSecurityException.class);
    }
}
