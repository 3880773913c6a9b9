package io.authroutes.library;

import static org.assertj.core.api.Assertions.assertThat;

import io.authroutes.auth.camel.AuthroutesComponent;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The library's public types are a promise to every application that adds it (README, "Public API"): each
 * public top-level type is either supported, or library-internal (public only because another package of the
 * library, or Camel, needs it; its javadoc says it is not for applications). Read from the compiled library.
 */
class PublicApiTest {

    private static final String SUPPORTED = "supported";
    private static final String INTERNAL = "library-internal";
    private static final Path SOURCES = Path.of("authroutes-camel/src/main/java");
    /** Camel's component plugin writes these; Camel instantiates them by name, so they are public. */
    private static final Path GENERATED = Path.of("authroutes-camel/src/generated/java");
    private static final Pattern TYPE_JAVADOC = Pattern.compile(
            "(/\\*\\*(?:(?!\\*/).)*\\*/)\\s*(?:@\\w+(?:\\([^)]*\\))?\\s*)*^public\\s", Pattern.DOTALL | Pattern.MULTILINE);

    private static final Map<String, String> EXPECTED = Map.ofEntries(
            // the authroutes: component, its endpoint, and what wires them into any Camel runtime
            Map.entry("io.authroutes.auth.camel.AuthroutesComponent", SUPPORTED),
            Map.entry("io.authroutes.auth.camel.AuthroutesEndpoint", SUPPORTED),
            Map.entry("io.authroutes.auth.camel.AuthroutesPlugin", SUPPORTED),
            Map.entry("io.authroutes.auth.camel.AuthroutesComponentConfigurer", INTERNAL),
            Map.entry("io.authroutes.auth.camel.AuthroutesEndpointConfigurer", INTERNAL),
            Map.entry("io.authroutes.auth.camel.AuthroutesEndpointUriFactory", INTERNAL),
            // what a flow catches, and what refuses a start
            Map.entry("io.authroutes.auth.ProviderAuthException", SUPPORTED),
            Map.entry("io.authroutes.auth.CredentialsRejectedException", SUPPORTED),
            Map.entry("io.authroutes.auth.SharedTokenTimeoutException", SUPPORTED),
            Map.entry("io.authroutes.auth.TokenEndpointUnavailableException", SUPPORTED),
            Map.entry("io.authroutes.auth.TokenRejectedException", SUPPORTED),
            Map.entry("io.authroutes.auth.TokenStoreUnavailableException", SUPPORTED),
            Map.entry("io.authroutes.auth.UnusableTokenAnswerException", SUPPORTED),
            Map.entry("io.authroutes.auth.UpstreamCallException", SUPPORTED),
            Map.entry("io.authroutes.auth.ConfigurationRefusal", SUPPORTED),
            Map.entry("io.authroutes.auth.ProviderConfigurationException", SUPPORTED),
            Map.entry("io.authroutes.auth.InvalidSettingException", SUPPORTED),
            Map.entry("io.authroutes.auth.ProviderTlsException", SUPPORTED),
            Map.entry("io.authroutes.auth.store.StoreConfigurationException", SUPPORTED),
            // a provider's auth as the component hands it out, and how it stands for an operator
            Map.entry("io.authroutes.auth.ProviderAuth", SUPPORTED),
            Map.entry("io.authroutes.auth.ProviderStatus", SUPPORTED),
            Map.entry("io.authroutes.auth.AuthState", SUPPORTED),
            Map.entry("io.authroutes.monitoring.ProviderAuthMBean", SUPPORTED),
            Map.entry("io.authroutes.monitoring.ProviderHealthCheck", SUPPORTED),
            Map.entry("io.authroutes.monitoring.AuthMetrics", SUPPORTED),
            // the token store seam and the values it exchanges
            Map.entry("io.authroutes.auth.TokenStore", SUPPORTED),
            Map.entry("io.authroutes.auth.Token", SUPPORTED),
            Map.entry("io.authroutes.auth.TokenAccount", SUPPORTED),
            // bound in the registry to run flows on a fixed clock, with Clock
            Map.entry("io.authroutes.auth.MonotonicClock", SUPPORTED),
            Map.entry("io.authroutes.auth.Pause", SUPPORTED),
            // the engine as the component, the stores and monitoring use it
            Map.entry("io.authroutes.auth.TokenEngine", INTERNAL),
            Map.entry("io.authroutes.auth.AuthStats", INTERNAL),
            Map.entry("io.authroutes.auth.CredentialOption", INTERNAL),
            Map.entry("io.authroutes.auth.KeyedDigest", INTERNAL),
            Map.entry("io.authroutes.auth.LocalTokenStore", INTERNAL),
            Map.entry("io.authroutes.auth.ProviderOption", INTERNAL),
            Map.entry("io.authroutes.auth.ProviderOptions", INTERNAL),
            Map.entry("io.authroutes.auth.ProviderProperties", INTERNAL),
            Map.entry("io.authroutes.auth.ProviderSettings", INTERNAL),
            Map.entry("io.authroutes.auth.ProviderTls", INTERNAL),
            Map.entry("io.authroutes.auth.Redactor", INTERNAL),
            Map.entry("io.authroutes.auth.SharedAccount", INTERNAL),
            Map.entry("io.authroutes.auth.StoreFallback", INTERNAL),
            Map.entry("io.authroutes.auth.TokenEndpoint", INTERNAL),
            Map.entry("io.authroutes.auth.TokenOperation", INTERNAL),
            Map.entry("io.authroutes.auth.TokenRequestOutcome", INTERNAL),
            Map.entry("io.authroutes.auth.camel.ProviderBlockCheck", INTERNAL),
            Map.entry("io.authroutes.auth.camel.ProviderRoutes", INTERNAL),
            Map.entry("io.authroutes.auth.store.TokenStores", INTERNAL),
            Map.entry("io.authroutes.monitoring.AuthMonitoring", INTERNAL));

    @Test
    void publicTypesAreTheListedOnesEachSupportedOrMarkedNotForApplications() throws Exception {
        List<String> differences = new ArrayList<>();
        Set<String> published = publicTopLevelTypes();
        for (String type : published) {
            String kind = kind(type);
            if (!EXPECTED.containsKey(type)) {
                differences.add(type + " is public (" + kind + ") and not listed");
            } else if (!EXPECTED.get(type).equals(kind)) {
                differences.add(type + " is listed " + EXPECTED.get(type) + " but its javadoc makes it " + kind);
            }
        }
        EXPECTED.keySet().stream().filter(type -> !published.contains(type))
                .forEach(type -> differences.add(type + " is listed but no longer public: drop it here and from README.md"));

        assertThat(differences).as("""
                A new public type is a new promise to every application that adds the library. Make it package-private \
                if only its own package uses it; if applications are meant to use it, list it here as supported and \
                in README.md, "Public API"; if only another package of the library needs it, list it here as \
                library-internal and say in its javadoc that it is not for applications and may change""").isEmpty();
    }

    @Test
    void readmeNamesEverySupportedType() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("### Public API"), readme.indexOf("\n#", readme.indexOf("### Public API") + 1));

        assertThat(EXPECTED.entrySet().stream().filter(type -> type.getValue().equals(SUPPORTED))
                .map(type -> type.getKey().substring(type.getKey().lastIndexOf('.') + 1)))
                .as("README.md, \"Public API\", names what applications may use")
                .allMatch(type -> section.contains("`" + type + "`"), "named in the section");
    }

    /** The compiled library: target/classes in the reactor, the jar when the library comes from a repository. */
    private static Set<String> publicTopLevelTypes() throws IOException, URISyntaxException, ClassNotFoundException {
        Path location = Path.of(AuthroutesComponent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> types = new TreeSet<>();
        if (Files.isDirectory(location)) {
            types.addAll(topLevelTypes(location));
        } else {
            try (FileSystem jar = FileSystems.newFileSystem(location)) {
                types.addAll(topLevelTypes(jar.getPath("/")));
            }
        }
        Set<String> published = new TreeSet<>();
        for (String type : types) {
            if (Modifier.isPublic(Class.forName(type, false, PublicApiTest.class.getClassLoader()).getModifiers())) {
                published.add(type);
            }
        }
        return published;
    }

    private static List<String> topLevelTypes(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.map(file -> root.relativize(file).toString())
                    .filter(file -> file.endsWith(".class") && !file.contains("$") && !file.endsWith("package-info.class"))
                    .map(file -> file.substring(0, file.length() - ".class".length()).replace('/', '.').replace('\\', '.'))
                    .toList();
        }
    }

    /** Library-internal when generated for Camel, or when the type's javadoc says it is not for applications. */
    private static String kind(String type) throws IOException {
        String file = type.replace('.', '/') + ".java";
        if (Files.exists(GENERATED.resolve(file))) {
            return INTERNAL;
        }
        Matcher javadoc = TYPE_JAVADOC.matcher(Files.readString(SOURCES.resolve(file)));
        boolean marked = javadoc.find() && javadoc.group(1).replaceAll("\\s*\\*\\s*", " ").toLowerCase()
                .contains("not for applications");
        return marked ? INTERNAL : SUPPORTED;
    }
}
