package io.authroutes;

import static org.assertj.core.api.Assertions.assertThat;

import io.authroutes.auth.ProviderConfigurationException;
import io.authroutes.auth.ProviderOption;
import io.authroutes.auth.ProviderOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A provider block that could only fail later is refused when the app starts, with a message naming
 * the key to fix: empty credentials, misspelt keys from any source, the sandbox's demo credentials
 * sent to a real API. Each start here is the app's own (application.properties, routes/auth).
 */
class ProviderBlockRefusedTest {

    private static final String LIVE_YAVAPTEKE = "https://yavapteke.example/YavaptekeAPI";

    @AfterEach
    void clearSystemProperties() {
        System.clearProperty("providers.yavapteke.clientSecert");
    }

    @Test
    void startWhenRequiredCredentialIsEmptyThenRefusedNamingIt() {
        assertThat(refusal("providers.yavapteke.clientId", "")).hasValueSatisfying(e -> assertThat(e)
                .hasMessage("yavapteke: providers.yavapteke.clientId is empty or not set, and the provider's token request needs it"));
    }

    @Test
    void startWhenRequiredCredentialIsBlankThenRefusedNamingIt() {
        assertThat(refusal("providers.salebasis.password", "   ")).hasValueSatisfying(e -> assertThat(e)
                .hasMessageContaining("providers.salebasis.password is empty"));
    }

    @Test
    void startWhenOptionalCredentialIsEmptyThenStarts() {
        // Mobile SMARTS sends client_id and client_secret only when set (@clientId?)
        assertThat(refusal("providers.mobilesmarts.clientId", "", "providers.mobilesmarts.clientSecret", "")).isEmpty();
    }

    @Test
    void startWhenConfiguredTokenStandsInForThePasswordThenStarts() {
        assertThat(refusal("providers.zont.password", "", "providers.zont.token", "zt-0b5e6f1c9a")).isEmpty();
    }

    @Test
    void startWhenKeyIsMisspeltThenRefusedWithWhatWasMeant() {
        assertThat(refusal("providers.yavapteke.clientSecert", "s3cr3t-value")).hasValueSatisfying(e -> assertThat(e)
                .hasMessage("yavapteke: providers.yavapteke.clientSecert is not an option of this provider; did you mean clientSecret?"));
    }

    @Test
    void startWhenSystemPropertyIsMisspeltThenRefusedWithWhatWasMeant() {
        System.setProperty("providers.yavapteke.clientSecert", "s3cr3t-value");

        assertThat(refusal()).hasValueSatisfying(e -> assertThat(e)
                .hasMessageContaining("providers.yavapteke.clientSecert is not an option").hasMessageContaining("did you mean clientSecret?"));
    }

    @Test
    void startWhenEngineOptionIsMisspeltThenRefusedWithWhatWasMeant() {
        assertThat(refusal("providers.zont.maxReauthAttempt", "2")).hasValueSatisfying(e -> assertThat(e)
                .hasMessageContaining("did you mean maxReauthAttempts?"));
    }

    @Test
    void startWhenTheAccountOfSeveralInstancesIsSetThenStarts() {
        // read only when the provider is first used, after the check: known from its declaration, not from a read
        assertThat(refusal("providers.zont.account", "office")).isEmpty();
    }

    @Test
    void startWhenEveryDeclaredOptionIsSetThenNoneIsRefusedAsUnknown() {
        List<String> overrides = new ArrayList<>();
        // given empty, as a placeholder with an empty default gives it: known, and as good as unset
        ProviderOptions.EVERY_PROVIDER.stream().map(ProviderOption::name).filter(name -> !name.equals("baseUrl"))
                .forEach(name -> overrides.addAll(List.of("providers.zont." + name, "")));

        assertThat(refusal(overrides.toArray(String[]::new))).isEmpty();
    }

    @Test
    void startWhenKeyIsLikeNoOptionThenRefusedListingTheOptions() {
        assertThat(refusal("providers.zont.colour", "blue")).hasValueSatisfying(e -> assertThat(e)
                .hasMessageContaining("providers.zont.colour is not an option of this provider; known options: [")
                .hasMessageContaining("clientName").hasMessageContaining("password").hasMessageContaining("skew"));
    }

    @Test
    void startWhenClientAuthIsNoMethodOfTheKindThenRefusedNamingTheKeyAndTheAcceptedValues() {
        // yavapteke is a properties block over oauth2-client-credentials
        assertThat(refusal("providers.yavapteke.clientAuth", "client_secret_jwt")).hasValueSatisfying(e -> assertThat(e)
                .hasMessage("yavapteke: providers.yavapteke.clientAuth is 'client_secret_jwt'; accepted values:"
                        + " client_secret_post, client_secret_basic"));
    }

    @Test
    void startWhenClientAuthOfAPasswordProviderIsMisspeltThenRefusedBeforeAnyTokenRequest() {
        assertThat(refusal("providers.pw.kind", "oauth2-password", "providers.pw.baseUrl", "http://127.0.0.1:9/api",
                "providers.pw.tokenUrl", "http://127.0.0.1:9/token", "providers.pw.username", "clerk",
                "providers.pw.password", "pw-3e9a", "providers.pw.clientAuth", "client_secret_basics"))
                .hasValueSatisfying(e -> assertThat(e).hasMessage("pw: providers.pw.clientAuth is 'client_secret_basics';"
                        + " accepted values: client_secret_post, client_secret_basic"));
    }

    @Test
    void startWhenClientAuthIsAnAcceptedValueThenStarts() {
        assertThat(refusal("providers.yavapteke.clientAuth", "client_secret_basic")).isEmpty();
    }

    @Test
    void startWhenATemplateParameterWithDeclaredValuesGetsAnotherThenRefusedListingThem() {
        assertThat(refusal("providers.mobilesmarts.grant", "sesion")).hasValueSatisfying(e -> assertThat(e)
                .hasMessage("mobilesmarts: providers.mobilesmarts.grant is 'sesion'; accepted values: basic, session, password"));
    }

    @Test
    void startWhenSandboxDemoSecretWouldGoToARealApiThenRefusedNamingTheVariableToSet() {
        Optional<ProviderConfigurationException> refused = refusal("sandbox.enabled", "false",
                "providers.yavapteke.baseUrl", LIVE_YAVAPTEKE + "/api/v1", "providers.yavapteke.tokenUrl", LIVE_YAVAPTEKE + "/connect/token",
                "providers.yavapteke.clientId", "pharmacy-311");

        assertThat(refused).hasValueSatisfying(e -> assertThat(e).hasMessage("yavapteke: providers.yavapteke.clientSecret is a sandbox"
                + " demo value, but providers.yavapteke.baseUrl is not the sandbox: set the environment variable"
                + " YAVAPTEKE_CLIENT_SECRET to the real value"));
    }

    @Test
    void startWhenOnlyTheTokenUrlIsRealThenTheDemoCredentialsAreStillRefused() {
        assertThat(refusal("providers.yavapteke.tokenUrl", LIVE_YAVAPTEKE + "/connect/token")).hasValueSatisfying(e -> assertThat(e)
                .hasMessageContaining("providers.yavapteke.clientId is a sandbox demo value, but providers.yavapteke.tokenUrl is not the sandbox"));
    }

    @Test
    void startWhenDemoValueIsWrittenWithoutPlaceholderThenRefusedNamingTheKey() {
        assertThat(refusal("providers.zont.baseUrl", "https://my.zont.online/api", "providers.zont.login", "demo"))
                .hasValueSatisfying(e -> assertThat(e).hasMessageContaining("providers.zont.login is a sandbox demo value")
                        .hasMessageEndingWith("set providers.zont.login to the real value"));
    }

    @Test
    void startWhenGoingLiveWithRealCredentialsThenStarts() {
        assertThat(refusal("sandbox.enabled", "false",
                "providers.yavapteke.baseUrl", LIVE_YAVAPTEKE + "/api/v1", "providers.yavapteke.tokenUrl", LIVE_YAVAPTEKE + "/connect/token",
                "providers.yavapteke.clientId", "pharmacy-311", "providers.yavapteke.clientSecret", "c5e1f0a7-live")).isEmpty();
    }

    @Test
    void startWhenShippedConfigurationAgainstTheSandboxThenStarts() {
        assertThat(refusal()).isEmpty();
    }

    /** Starts the app's routes with {@code overrides} and stops it again; what refused the start, if anything. */
    private static Optional<ProviderConfigurationException> refusal(String... overrides) {
        Map<String, String> properties = new LinkedHashMap<>(Map.of("sandbox.port", "0", "hawtio.enabled", "false",
                "camel.management.enabled", "false", "camel.main.routes-include-pattern", "file:routes/auth/*.camel.yaml"));
        for (int i = 0; i < overrides.length; i += 2) {
            properties.put(overrides[i], overrides[i + 1]);
        }
        Main main = new Main();
        main.setPropertyPlaceholderLocations(Application.configLocation());
        properties.forEach(main::addOverrideProperty);
        try {
            main.start();
            return Optional.empty();
        } catch (RuntimeException e) {
            Throwable refusal = Application.refusal(e);
            if (refusal instanceof ProviderConfigurationException configuration) {
                return Optional.of(configuration);
            }
            throw e;
        } finally {
            main.stop();
        }
    }
}
