package io.authroutes.auth.camel;

import io.authroutes.auth.CredentialOption;
import io.authroutes.auth.ProviderConfigurationException;
import io.authroutes.auth.ProviderOptions;
import io.authroutes.auth.ProviderProperties;
import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.util.IOHelper;

/**
 * Refuses, before anything starts, a provider block that could only fail later: a key nothing declares
 * (a typo such as {@code clientSecert}), a credential a token request needs left empty, a secret
 * taken as a route template parameter (it would then sit in the route definition for Hawtio to show).
 * Keys are looked for in every source Camel resolves: the properties file, JVM system properties, Spring's
 * environment under Spring Boot ({@link GivenKeys}) and environment variables ({@code PROVIDERS_<ID>_<OPTION>}).
 */
final class ProviderOptionsCheck {

    /**
     * What the engine knows of one provider once its routes are built.
     *
     * @param parameters template id to the parameters it takes
     */
    record Block(ProviderProperties properties, Map<String, Set<String>> parameters) {

        /**
         * Its keys: the options of every provider ({@link ProviderOptions}), its kind's template
         * parameters (declared in the kind's YAML) and the credentials its steps read.
         */
        Set<String> options(Collection<CredentialOption> credentials) {
            Set<String> known = new TreeSet<>();
            ProviderOptions.EVERY_PROVIDER.forEach(option -> known.add(option.name()));
            parameters.values().forEach(known::addAll);
            known.remove("id");
            credentials.forEach(credential -> known.add(credential.name()));
            return known;
        }
    }

    private ProviderOptionsCheck() {
    }

    /** Throws, naming the key to fix, when the block of a provider whose routes are built is wrong. */
    static void check(CamelContext context, Block block) {
        Collection<CredentialOption> credentials = AuthroutesComponent.of(context).credentials(block.properties().providerId());
        noSecretParameter(block, credentials);
        noUnknownKey(context, block.properties(), block.options(credentials));
        requiredCredentialsSet(block.properties(), credentials);
        context.getRegistry().findByType(ProviderBlockCheck.class).forEach(rule -> rule.check(block.properties(), credentials));
    }

    private static void noSecretParameter(Block block, Collection<CredentialOption> credentials) {
        for (CredentialOption credential : credentials) {
            block.parameters().forEach((template, parameters) -> {
                if (credential.secret() && parameters.contains(credential.name())) {
                    throw new ProviderConfigurationException(block.properties().providerId(), "route template " + template
                            + " takes the secret '" + credential.name() + "' as a parameter; read it at request time with @"
                            + credential.name() + " in an authroutes:form/json/query/basic step instead");
                }
            });
        }
    }

    private static void noUnknownKey(CamelContext context, ProviderProperties properties, Set<String> known) {
        String prefix = properties.key("");
        for (String key : GivenKeys.startingWith(context, prefix)) {
            String option = key.substring(prefix.length());
            if (!known.contains(option)) {
                throw new ProviderConfigurationException(properties.providerId(), key + " is not an option of this provider"
                        + suggestion(option, known).map(s -> "; did you mean " + s + "?").orElse("; known options: " + known));
            }
        }
        // Camel reads providers.<id>.<option> from PROVIDERS_<ID>_<OPTION> too; options are camelCase,
        // so a name with a further underscore belongs to another provider (providers.a-b vs providers.a)
        String envPrefix = IOHelper.normalizeEnvironmentVariable(prefix);
        Map<String, String> byEnvName = known.stream().collect(Collectors.toMap(o -> o.toUpperCase(Locale.ROOT), o -> o, (a, b) -> a));
        for (String variable : new TreeSet<>(System.getenv().keySet())) {
            String option = variable.startsWith(envPrefix) ? variable.substring(envPrefix.length()) : "";
            if (!option.isEmpty() && !option.contains("_") && !byEnvName.containsKey(option)) {
                throw new ProviderConfigurationException(properties.providerId(), "environment variable " + variable
                        + " is not an option of this provider" + suggestion(option, byEnvName.keySet())
                        .map(s -> "; did you mean " + envPrefix + s + " (" + properties.key(byEnvName.get(s)) + ")?")
                        .orElse("; known options: " + known));
            }
        }
    }

    private static void requiredCredentialsSet(ProviderProperties properties, Collection<CredentialOption> credentials) {
        // a pre-obtained token stands in for the login credentials (ConfiguredToken), until it is rejected
        if (resolve(properties, "token").isPresent()) {
            return;
        }
        for (CredentialOption credential : credentials) {
            if (credential.required() && resolve(properties, credential.name()).isEmpty()) {
                throw new ProviderConfigurationException(properties.providerId(), properties.key(credential.name())
                        + " is empty or not set, and the provider's token request needs it");
            }
        }
    }

    private static Optional<String> resolve(ProviderProperties properties, String option) {
        try {
            return properties.optional(option);
        } catch (IllegalArgumentException e) {
            // e.g. {{env:NAME}} with NAME unset and no default; the message names the placeholder, not a value
            throw new ProviderConfigurationException(properties.providerId(), properties.key(option)
                    + " cannot be resolved: " + e.getMessage());
        }
    }

    /** The known name closest to a misspelt one, when it is close enough to be what was meant. */
    static Optional<String> suggestion(String typed, Collection<String> known) {
        String lower = typed.toLowerCase(Locale.ROOT);
        return known.stream()
                .filter(k -> distance(lower, k.toLowerCase(Locale.ROOT)) <= Math.max(1, Math.min(2, typed.length() / 4)))
                .min(Comparator.comparingInt(k -> distance(lower, k.toLowerCase(Locale.ROOT))));
    }

    /** Edits (insert, delete, substitute, swap two neighbours) that turn {@code a} into {@code b}. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
