package io.authroutes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

/**
 * Every YAML file the project ships (the library's provider kinds, sample flows, the worked example) loads into the
 * app as it starts, and the sample flows use the error policy the README shows. A shipped kind is read only when a
 * provider names it, so the providers here name the two kinds the app's own blocks do not use.
 */
@CamelMainTest(propertyPlaceholderLocations = "file:application.properties", properties = {
        "sandbox.port=0", "hawtio.enabled=false", "camel.management.enabled=false",
        "camel.main.routes-include-pattern=file:routes/auth/*.camel.yaml,file:routes/flows/*.camel.yaml,file:routes/examples/*.camel.yaml",
        "providers.parcels.kind=parcelhub", "providers.parcels.baseUrl=https://api.parcelhub.example/v2",
        "providers.parcels.apiKey=pk-live-7f3a9c21e5",
        "providers.keyed.kind=api-key", "providers.keyed.baseUrl=https://api.keyed.example", "providers.keyed.apiKey=ak-7d01",
        "providers.owner.kind=oauth2-password", "providers.owner.baseUrl=https://api.owner.example",
        "providers.owner.tokenUrl=https://login.owner.example/token", "providers.owner.username=clerk",
        "providers.owner.password=pw-51c9", "providers.owner.clientId=orders-app",
        "providers.owner.clientSecret=cs-3b8e"})
class ShippedRoutesTest {

    /** A top-level entry of a Camel YAML file and its id, e.g. {@code - route:} then {@code id: zont-devices}. */
    private static final Pattern ENTRY = Pattern.compile("^- (route|routeTemplate|routeConfiguration):\\s*\\n\\s+id: (\\S+)", Pattern.MULTILINE);

    @BeanInject
    CamelContext context;

    @Test
    void everyShippedYamlEntryIsLoaded() {
        Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
        List<String> loaded = Stream.of(
                model.getRouteDefinitions().stream().map(r -> "route " + r.getRouteId()),
                model.getRouteTemplateDefinitions().stream().map(t -> "routeTemplate " + t.getId()),
                model.getRouteConfigurationDefinitions().stream().map(c -> "routeConfiguration " + c.getId()))
                .flatMap(s -> s).toList();

        List<String> shipped = shippedEntries();
        assertThat(shipped).hasSizeGreaterThanOrEqualTo(20).contains("routeConfiguration flow-errors", "routeTemplate parcelhub.token");
        assertThat(loaded).containsAll(shipped);
    }

    @Test
    void everySampleFlowHandlesAuthFailuresWithTheSharedPolicy() {
        Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
        List<RouteDefinition> flows = model.getRouteDefinitions().stream()
                .filter(r -> r.getInput().getEndpointUri().startsWith("timer:")).toList();

        assertThat(flows).hasSize(4).allSatisfy(flow -> assertThat(flow.getRouteConfigurationId()).isEqualTo("flow-errors"));
        RouteConfigurationDefinition policy = model.getRouteConfigurationDefinitions().stream()
                .filter(c -> c.getId().equals("flow-errors")).findFirst().orElseThrow();
        assertThat(policy.getOnExceptions()).singleElement()
                .satisfies(e -> assertThat(e.getExceptions()).containsExactly("io.authroutes.auth.ProviderAuthException"));
    }

    @Test
    void everyProviderCallRouteLeavesFailuresToItsCaller() {
        Model model = context.getCamelContextExtension().getContextPlugin(Model.class);

        assertThat(model.getRouteTemplateDefinitions()).filteredOn(t -> t.getId().endsWith(".call")).hasSize(10)
                .allSatisfy(t -> assertThat(t.getRoute().getRouteConfigurationId()).isEqualTo("authroutes-call"));
    }

    private static List<String> shippedEntries() {
        try (Stream<Path> files = Stream.of("authroutes-camel/src/main/resources/authroutes",
                "authroutes-camel/src/main/resources/authroutes/kinds", "routes/flows", "routes/examples").flatMap(ShippedRoutesTest::list)) {
            return files.filter(f -> f.toString().endsWith(".camel.yaml")).flatMap(f -> {
                Matcher m = ENTRY.matcher(read(f));
                return m.results().map(r -> r.group(1) + " " + r.group(2));
            }).toList();
        }
    }

    private static Stream<Path> list(String dir) {
        try {
            return Files.list(Path.of(dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
