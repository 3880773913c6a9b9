package io.authroutes.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExpiryPolicyTest {

    private static final Instant OBTAINED = Instant.parse("2026-11-22T10:00:00Z");
    private final ExpiryPolicy policy = new ExpiryPolicy(Duration.ofSeconds(60));

    @Test
    void needsRenewalWhenLessThanSkewRemains() {
        Token token = Token.of("t", OBTAINED, OBTAINED.plusSeconds(3600));

        assertThat(policy.needsRenewal(token, OBTAINED.plusSeconds(3539))).isFalse();
        assertThat(policy.needsRenewal(token, OBTAINED.plusSeconds(3540))).isTrue();
    }

    @Test
    void needsRenewalWhenExpiredThenTrue() {
        Token token = Token.of("t", OBTAINED, OBTAINED.plusSeconds(3600));

        assertThat(policy.needsRenewal(token, OBTAINED.plusSeconds(7200))).isTrue();
    }

    @Test
    void needsRenewalWhenLifetimeShortThenSkewIsATenthOfIt() {
        Token token = Token.of("t", OBTAINED, OBTAINED.plusSeconds(20));

        assertThat(policy.needsRenewal(token, OBTAINED.plusMillis(17_999))).isFalse();
        assertThat(policy.needsRenewal(token, OBTAINED.plusSeconds(18))).isTrue();
    }

    @Test
    void needsRenewalWhenTokenLivesFiveSecondsThenItServesFourAndAHalf() {
        Token token = Token.of("t", OBTAINED, OBTAINED.plusSeconds(5));

        assertThat(policy.needsRenewal(token, OBTAINED.plusMillis(4_499))).isFalse();
        assertThat(policy.needsRenewal(token, OBTAINED.plusMillis(4_500))).isTrue();
    }

    @Test
    void needsRenewalWhenConfiguredSkewBelowATenthThenConfiguredSkew() {
        ExpiryPolicy oneSecond = new ExpiryPolicy(Duration.ofSeconds(1));
        Token token = Token.of("t", OBTAINED, OBTAINED.plusSeconds(20));

        assertThat(oneSecond.needsRenewal(token, OBTAINED.plusMillis(18_999))).isFalse();
        assertThat(oneSecond.needsRenewal(token, OBTAINED.plusSeconds(19))).isTrue();
    }

    @Test
    void needsRenewalWhenTokenHasNoExpiryThenNever() {
        Token token = Token.of("t", OBTAINED, null);

        assertThat(policy.needsRenewal(token, OBTAINED.plus(Duration.ofDays(3650)))).isFalse();
    }

    @Test
    void toStringNeverShowsTheToken() {
        Token token = new Token("s3cr3t-value", OBTAINED, null, "r3fr3sh-value", java.util.Map.of());

        assertThat(token.toString()).doesNotContain("s3cr3t-value").doesNotContain("r3fr3sh-value")
                .contains(token.fingerprint());
    }

    @Test
    void tooLateToSendWhenLessThanHalfTheSkewRemainsThenTheCallerWaitsForTheRenewal() {
        ExpiryPolicy policy = new ExpiryPolicy(Duration.ofSeconds(60));
        Instant obtained = Instant.parse("2026-11-22T10:00:00Z");
        Token token = new Token("t", obtained, obtained.plusSeconds(20), null, java.util.Map.of());

        assertThat(policy.needsRenewal(token, obtained.plusMillis(18_000))).isTrue();
        assertThat(policy.tooLateToSend(token, obtained.plusMillis(18_999))).isFalse();
        assertThat(policy.tooLateToSend(token, obtained.plusMillis(19_000))).isTrue();
    }
}
