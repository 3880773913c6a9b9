package io.authroutes.monitoring;

import static io.authroutes.testing.ProviderCalls.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.authroutes.auth.TokenOperation;
import io.authroutes.testing.SandboxSpecification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hawtio as an operator uses it, in headless Chromium (src/test/browser/hawtio-operator.mjs): the
 * Camel routes table lists every provider's routes, a token route's Route Diagram and Source show its
 * steps, and invalidate() on a provider's MBean makes the next call acquire one new token; all of it with
 * no host reachable but the app's, as on an operations network without internet. Needs Debian's Chromium
 * and playwright-core (.ci/install-browser): skipped without them, except under CI=true, where their
 * absence fails the build.
 */
@CamelMainTest(propertyPlaceholderLocations = "file:application.properties", properties = {
        "sandbox.port=0", "sandbox.revokeProbability=0", "sandbox.tokenLifetime=10m",
        "hawtio.port=0", "camel.management.enabled=false"},
        useJmx = true)
class HawtioInBrowserTest extends SandboxSpecification {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final Path BROWSER_SPECS = Path.of("src/test/browser");
    private static final Path SCREENSHOT = Path.of("target/hawtio-routes.png");
    private static final Path DIAGRAM = Path.of("target/hawtio-route-diagram.png");


    @BeforeEach
    void start() {
        requireBrowser();
    }

    @Test
    void anOperatorWithoutInternetSeesEveryProviderRouteItsSourceAndInvalidatesATokenFromHawtio() throws Exception {
        assertThat(status(calls.call("zont", "POST", "devices", "{\"load_io\": true}"))).isEqualTo(200);
        long acquisitions = calls.auth("zont").stats().successful(TokenOperation.LOGIN);

        JsonNode seen = operateHawtio("zont");

        assertThat(seen.get("routes")).extracting(JsonNode::asText).contains(
                "zont", "zont.token", "zont-devices",
                "yavapteke", "yavapteke.token", "yavapteke-orders",
                "mobilesmarts", "mobilesmarts.token", "mobilesmarts.refresh", "mobilesmarts-documents",
                "salebasis", "salebasis.token", "salebasis.extend", "salebasis.revoke", "salebasis-orders");
        assertThat(SCREENSHOT).isNotEmptyFile();
        assertThat(seen.get("diagramNodes").asInt()).as("steps drawn in zont.token's Route Diagram").isGreaterThanOrEqualTo(4);
        assertThat(DIAGRAM).isNotEmptyFile();
        assertThat(seen.get("source").asText()).as("zont.token's XML in the Source tab's editor")
                .contains("<route", "zont.token").doesNotContain("Loading");
        assertThat(seen.get("blocked")).as("requests to hosts other than the app's").isEmpty();
        assertThat(seen.get("invalidate").asText()).isEqualTo("Token dropped; the next call to zont obtains a new one");

        assertThat(status(calls.call("zont", "POST", "devices", "{\"load_io\": true}"))).isEqualTo(200);
        assertThat(calls.auth("zont").stats().successful(TokenOperation.LOGIN)).isEqualTo(acquisitions + 1);
    }

    private JsonNode operateHawtio(String provider) throws IOException, InterruptedException {
        String hawtio = context.getRegistry().lookupByNameAndType(MonitoringConfiguration.HAWTIO, HawtioConsole.class).uri().toString();
        Files.createDirectories(SCREENSHOT.getParent());
        Path errors = Files.createTempFile("hawtio-operator", ".log");
        Process node = new ProcessBuilder("node", BROWSER_SPECS.resolve("hawtio-operator.mjs").toString(), hawtio, provider,
                SCREENSHOT.toString(), DIAGRAM.toString())
                .redirectError(errors.toFile())
                .start();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean finished = node.waitFor(2, TimeUnit.MINUTES);
        String log = Files.readString(errors);
        Files.delete(errors);
        assertThat(finished).as("the browser finished within 2 minutes").isTrue();
        assertThat(node.exitValue()).as("hawtio-operator.mjs failed:%n%s", log).isZero();
        return new ObjectMapper().readTree(out);
    }

    private static void requireBrowser() {
        if (Files.isExecutable(CHROMIUM) && Files.isDirectory(BROWSER_SPECS.resolve("node_modules/playwright-core"))) {
            return;
        }
        String missing = "Chromium (" + CHROMIUM + ") or playwright-core is missing: run .ci/install-browser";
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(missing);
        }
        Assumptions.abort(missing);
    }
}
