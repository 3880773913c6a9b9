package io.authroutes.auth;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A token put in {@code providers.<id>.token} instead of a password. ZONT asks clients to obtain a
 * token once and then forget the password (seed 000, "Аутентификация", steps 1-3); such a token is
 * used until the upstream rejects it, and then only a login can replace it.
 */
final class ConfiguredToken {

    /** {@code providers.<id>.token}: a secret (declared in {@link ProviderOptions}), and optional: without it the provider logs in. */
    public static final String OPTION = "token";

    private final String providerId;
    private final String value;
    private volatile int rejectedWith;

    private ConfiguredToken(String providerId, String value) {
        this.providerId = providerId;
        this.value = value;
    }

    public static ConfiguredToken from(ProviderProperties properties) {
        return new ConfiguredToken(properties.providerId(), properties.optional(OPTION).orElse(null));
    }

    /** The configured token while it has not been rejected. */
    Optional<Token> token(Instant now) {
        return value != null && rejectedWith == 0 ? Optional.of(Token.of(value, now, null)) : Optional.empty();
    }

    void rejected(Token token, int status) {
        if (value != null && value.equals(token.value())) {
            rejectedWith = status;
        }
    }

    /** Runs a login; if it cannot run for lack of credentials after the configured token was rejected, says what to do. */
    Token explainLoginFailure(Supplier<Token> login) {
        try {
            return login.get();
        } catch (ProviderConfigurationException e) {
            if (rejectedWith == 0) {
                throw e;
            }
            String key = ProviderProperties.PREFIX + providerId + "." + OPTION;
            throw new TokenRejectedException(providerId, rejectedWith, "the upstream rejected the configured token ("
                    + key + ") with HTTP " + rejectedWith + ", and no login is configured to obtain a new one ("
                    + e.reason() + "). Obtain a new token with"
                    + " `java -jar target/authroutes.jar token " + providerId + "` (set the login credentials"
                    + " for that one run), then put it in " + key + " and restart");
        }
    }

    @Override
    public String toString() {
        return "ConfiguredToken[" + providerId + (value == null ? ", none" : ", set") + "]";
    }
}
