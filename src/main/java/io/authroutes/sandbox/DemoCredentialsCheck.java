package io.authroutes.sandbox;

import io.authroutes.auth.CredentialOption;
import io.authroutes.auth.ProviderConfigurationException;
import io.authroutes.auth.ProviderProperties;
import io.authroutes.auth.camel.ProviderBlockCheck;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Refuses a credential the sandbox accepts (the shipped defaults such as
 * {@code {{env:YAVAPTEKE_CLIENT_SECRET:sandbox-secret}}}) for a provider that is not pointed at the
 * sandbox's address: that is going live with an environment variable left unset, and would send demo
 * credentials to a real API.
 */
final class DemoCredentialsCheck implements ProviderBlockCheck {

    private static final Pattern ENV_DEFAULT = Pattern.compile("\\{\\{env:([A-Za-z0-9_]+):");

    private final int sandboxPort;
    /** The key's value as written, placeholders unresolved: to tell which environment variable to set. */
    private final Function<String, Optional<String>> written;

    /** {@code sandboxPort}: where the sandbox listens, or would: a block left there sends nothing to a real API. */
    DemoCredentialsCheck(int sandboxPort, Function<String, Optional<String>> written) {
        this.sandboxPort = sandboxPort;
        this.written = written;
    }

    static Set<String> demoCredentials() {
        return Stream.of(ZontSimulator.LOGIN, ZontSimulator.PASSWORD, YaVaptekeSimulator.CLIENT_ID, YaVaptekeSimulator.CLIENT_SECRET,
                MobileSmartsSimulator.USERNAME, MobileSmartsSimulator.PASSWORD, MobileSmartsSimulator.CLIENT_ID,
                MobileSmartsSimulator.CLIENT_SECRET, SalebasisSimulator.LOGIN, SalebasisSimulator.PASSWORD)
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public void check(ProviderProperties properties, Collection<CredentialOption> credentials) {
        Optional<String> live = Set.of("baseUrl", "tokenUrl").stream()
                .filter(option -> properties.optional(option).filter(url -> !isSandbox(url)).isPresent())
                .map(properties::key).sorted().findFirst();
        if (live.isEmpty()) {
            return;
        }
        for (CredentialOption credential : credentials) {
            if (properties.optional(credential.name()).filter(demoCredentials()::contains).isPresent()) {
                String key = properties.key(credential.name());
                throw new ProviderConfigurationException(properties.providerId(), key + " is a sandbox demo value, but "
                        + live.get() + " is not the sandbox: " + howToSet(key));
            }
        }
    }

    private String howToSet(String key) {
        Optional<String> variable = written.apply(key).map(ENV_DEFAULT::matcher).filter(Matcher::find).map(m -> m.group(1));
        return variable.map(name -> "set the environment variable " + name + " to the real value")
                .orElse("set " + key + " to the real value");
    }

    private boolean isSandbox(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getPort() == sandboxPort && uri.getHost() != null
                    && InetAddress.getByName(uri.getHost()).isLoopbackAddress();
        } catch (IllegalArgumentException | UnknownHostException e) {
            return false; // ProviderSettings has already refused a URL that is not one
        }
    }
}
