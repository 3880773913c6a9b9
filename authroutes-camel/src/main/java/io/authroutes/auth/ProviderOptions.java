package io.authroutes.auth;

import java.util.List;
import java.util.Optional;

/**
 * The options every provider takes, whatever its kind: the one place they are declared. A kind adds
 * its route templates' parameters (name, default and description in its YAML), and its steps add the
 * credentials they read ({@link CredentialOption}); nothing else is a {@code providers.<id>.*} key.
 * A new engine option is one line here, beside the code that reads it.
 * Not for applications (public for the start-up checks and the generated option reference); may change.
 */
public final class ProviderOptions {

    public static final List<ProviderOption> EVERY_PROVIDER = List.of(
            ProviderOption.of("kind", "the id", "Which provider kind (the route templates <kind>.* in routes/auth) to use."),
            ProviderOption.of("baseUrl", "", "Where calls go; a provider is active when this is set."),
            ProviderOption.of("tokenUrl", "", "The token endpoint, where the kind does not derive it from baseUrl."),
            ProviderOption.of("allowInsecureHttp", "false", "Plain http to a host other than loopback is refused unless true."),
            ProviderOption.of("account", "login, username or clientId",
                    "Who the token belongs to, for the shared store's key: two blocks with one account share one token."),
            ProviderOption.of("skew", "60s", "Renew this long before expiry, never more than a tenth of the token's lifetime."),
            ProviderOption.of("maxReauthAttempts", "1", "Re-authentications per call when the upstream rejects the token."),
            ProviderOption.of("tokenRetryBackoff", "200ms", "Token endpoint unavailable: the first pause before the next request."),
            ProviderOption.of("tokenRetryBackoffMax", "30s", "The longest pause, doubling from tokenRetryBackoff."),
            ProviderOption.of("refusedLoginRetry", "30s", "Credentials refused or fresh tokens rejected: the first pause between logins."),
            ProviderOption.of("refusedLoginRetryMax", "15m", "The longest pause between logins, doubling from refusedLoginRetry."),
            ProviderOption.of("tokenWait", "2s", "How long a call may wait for the next attempt at a backing-off token endpoint."),
            ProviderOption.of("freshTokenWindow", "10s",
                    "A token rejected this soon after it was obtained counts as a refusal of new tokens."),
            ProviderOption.of("tokenTimeout", "30s", "How long a call waits for a token request in flight."),
            ProviderOption.secret(ConfiguredToken.OPTION, "A token obtained beforehand (e.g. by the token command); no password needs to be stored."),
            ProviderOption.of(ProviderTls.TRUSTSTORE, "the JVM's CAs", "PKCS12 or JKS file of the CAs that the provider's HTTPS server is trusted by."),
            ProviderOption.secret(ProviderTls.TRUSTSTORE_PASSWORD, "The truststore's password."),
            ProviderOption.of(ProviderTls.KEYSTORE, "", "PKCS12 or JKS file with the client certificate shown to a server that asks for one (mTLS)."),
            ProviderOption.secret(ProviderTls.KEYSTORE_PASSWORD, "The keystore's password."),
            ProviderOption.secret(ProviderTls.KEY_PASSWORD, "The private key's own password, when it differs from the keystore's."));

    private ProviderOptions() {
    }

    public static Optional<ProviderOption> find(String name) {
        return EVERY_PROVIDER.stream().filter(option -> option.name().equals(name)).findFirst();
    }

    /** The secret ones, as the credentials every provider's redactor masks. */
    static List<CredentialOption> secrets() {
        return EVERY_PROVIDER.stream().filter(ProviderOption::secret)
                .map(option -> CredentialOption.optional(option.name()).asSecret()).toList();
    }
}
