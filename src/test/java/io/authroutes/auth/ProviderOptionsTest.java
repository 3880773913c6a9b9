package io.authroutes.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The declaration of the options every provider takes is the whole truth: the engine reads no key it
 * does not declare, and applies the defaults it states.
 */
class ProviderOptionsTest {

    private static final String BASE_URL = "https://api.example.com/v1";

    /** A provider block with {@code given} set, recording every option the engine asks it for. */
    private static ProviderProperties block(Map<String, String> given, Set<String> asked) {
        return new ProviderProperties("shop", key -> {
            String option = key.substring("providers.shop.".length());
            asked.add(option);
            return Optional.ofNullable(given.get(option));
        });
    }

    @Test
    void theEngineReadsOnlyDeclaredOptions() {
        Set<String> asked = new TreeSet<>();
        // with account set, the account's fallbacks (the kind's login, username or clientId) are not asked for
        ProviderProperties properties = block(Map.of("baseUrl", BASE_URL, "account", "office"), asked);

        ProviderSettings.load(properties);
        TokenAccount.of(properties, java.net.URI.create(BASE_URL));
        ConfiguredToken.from(properties);
        ProviderTls.load(properties, null);

        assertThat(asked).hasSizeGreaterThanOrEqualTo(19)
                .allSatisfy(option -> assertThat(ProviderOptions.find(option)).as(option).isPresent());
    }

    @Test
    void declaredDefaultsAreTheOnesTheEngineApplies() {
        Set<String> asked = new TreeSet<>();
        ProviderSettings unset = ProviderSettings.load(block(Map.of("baseUrl", BASE_URL), asked));
        Map<String, String> defaults = new HashMap<>(Map.of("baseUrl", BASE_URL));
        for (String option : asked) {
            ProviderOptions.find(option).map(ProviderOption::defaultValue).filter(d -> !d.isEmpty())
                    .ifPresent(value -> defaults.put(option, value));
        }

        assertThat(defaults).hasSizeGreaterThanOrEqualTo(11);
        assertThat(ProviderSettings.load(block(defaults, new TreeSet<>()))).isEqualTo(unset);
    }

    @Test
    void secretsAreTheDeclaredSecretOptions() {
        assertThat(ProviderOptions.secrets()).extracting(CredentialOption::name)
                .containsExactlyInAnyOrder("token", "ssl.truststorePassword", "ssl.keystorePassword", "ssl.keyPassword");
    }
}
