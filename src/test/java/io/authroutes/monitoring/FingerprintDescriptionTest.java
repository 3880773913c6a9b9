package io.authroutes.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Hawtio shows this description beside the fingerprint: it must not let an operator compare
 * fingerprints across instances, or against a SHA-256 of a token they hold, as the key is per process.
 */
class FingerprintDescriptionTest {

    @Test
    void theFingerprintIsDescribedAsAKeyedHashThatDiffersBetweenInstances() throws Exception {
        String description = ProviderAuthMBean.class.getMethod("getTokenFingerprint").getAnnotation(Description.class).value();

        assertThat(description).contains("HMAC-SHA256", "random key of this process", "instances sharing one token show different")
                .doesNotContain("token's SHA-256");
    }
}
