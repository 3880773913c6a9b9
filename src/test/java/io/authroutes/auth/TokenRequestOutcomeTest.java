package io.authroutes.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the metrics count a failed token request as: a wrong setting is not a refusal by the provider. */
class TokenRequestOutcomeTest {

    @Test
    void requestNotMadeForAWrongSettingIsCountedMisconfiguredNotRefused() {
        ProviderAuthException noTokenRoute = new ProviderConfigurationException("shop", "there is no route shop.token");

        assertThat(TokenRequestOutcome.of(noTokenRoute)).isEqualTo(TokenRequestOutcome.MISCONFIGURED);
        assertThat(TokenRequestOutcome.MISCONFIGURED.label()).isEqualTo("misconfigured");
    }

    @Test
    void refusedCredentialsAreStillCountedRefused() {
        ProviderAuthException refused = new CredentialsRejectedException("shop", 401, "the token endpoint refused the request (HTTP 401)");

        assertThat(TokenRequestOutcome.of(refused)).isEqualTo(TokenRequestOutcome.REFUSED);
    }
}
