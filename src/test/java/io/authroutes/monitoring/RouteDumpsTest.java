package io.authroutes.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.authroutes.testing.JolokiaClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Route Diagram and Source in Hawtio: the app runs in its own JVM with distinctive secrets given the four
 * ways an operator gives them (application.properties, -D, an environment variable that application.properties
 * reads with {{env:...}}, and an environment variable that overrides a key), and every route is dumped
 * through Hawtio's Jolokia as Hawtio 4.2 dumps it. No secret may appear, and the dumps that would resolve
 * placeholders are refused.
 */
class RouteDumpsTest {

    private static final String FROM_FILE = "file-secret-4b7e91";
    private static final String FROM_SYSTEM_PROPERTY = "dash-d-secret-0c55e2";
    private static final String FROM_ENV_PLACEHOLDER = "env-secret-93fa10";
    private static final String FROM_ENV_OVERRIDE = "env-override-secret-d61c";
    private static final List<String> SECRETS = List.of(FROM_FILE, FROM_SYSTEM_PROPERTY, FROM_ENV_PLACEHOLDER, FROM_ENV_OVERRIDE);

    @TempDir
    static Path dir;
    private static Process app;
    private static JolokiaClient jolokia;
    private static String contextMBean;

    @BeforeAll
    static void start() throws Exception {
        Path file = Files.writeString(dir.resolve("application.properties"), Files.readString(Path.of("application.properties"))
                .replaceAll("(?m)^providers\\.salebasis\\.password = .*$", "providers.salebasis.password = " + FROM_FILE));
        // a route that writes secrets as placeholders, as the README says not to: its dump must show the placeholders only
        Path careless = Files.writeString(dir.resolve("careless.camel.yaml"), """
                - route:
                    id: careless
                    from:
                      uri: direct:careless
                      steps:
                        - setHeader:
                            name: X-Api-Key
                            constant: "{{providers.salebasis.password}}/{{providers.yavapteke.clientSecret}}"
                        - setHeader:
                            name: X-Other
                            constant: "{{providers.zont.password}}/{{providers.mobilesmarts.password}}"
                """);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dproviders.yavapteke.clientSecret=" + FROM_SYSTEM_PROPERTY,
                Member.class.getName(), file.toString(), careless.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("ZONT_PASSWORD", FROM_ENV_PLACEHOLDER);
        builder.environment().put("PROVIDERS_MOBILESMARTS_PASSWORD", FROM_ENV_OVERRIDE);
        app = builder.start();
        jolokia = JolokiaClient.at(URI.create(hawtioAddress(app)));
        contextMBean = jolokia.send(Map.of("type", "search", "mbean", "org.apache.camel:type=context,*")).get("value").get(0).asText();
    }

    /** Reads the member's output until it names Hawtio's address, keeping the rest flowing. */
    private static String hawtioAddress(Process process) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith(Member.READY)) {
                Thread drain = new Thread(() -> out.lines().forEach(ignored -> { }));
                drain.setDaemon(true);
                drain.start();
                return line.substring(Member.READY.length());
            }
        }
        throw new AssertionError("the app stopped before Hawtio listened; exit " + process.exitValue());
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.destroy();
            app.waitFor();
        }
    }

    @Test
    void routeXmlAsHawtioDrawsItShowsEveryProviderRouteAndNoSecret() {
        String xml = exec(contextMBean, "dumpRoutesAsXml()").asText();

        assertThat(xml).contains("id=\"zont\"", "id=\"zont.token\"", "id=\"yavapteke.token\"", "id=\"mobilesmarts.refresh\"",
                "id=\"salebasis.revoke\"", "authroutes:call", "id=\"zont-devices\"");
        assertThat(xml).contains("{{providers.salebasis.password}}/{{providers.yavapteke.clientSecret}}",
                "{{providers.zont.password}}/{{providers.mobilesmarts.password}}");
        assertThat(xml).doesNotContain(SECRETS);
    }

    @Test
    void routeStatisticsAsHawtioPollsThemCarryNoSecret() {
        StringBuilder dumps = new StringBuilder(exec(contextMBean, "dumpRoutesStatsAsXml", true, true).asText());
        for (JsonNode route : jolokia.send(Map.of("type", "search", "mbean", "org.apache.camel:type=routes,*")).get("value")) {
            dumps.append(exec(route.asText(), "dumpRouteStatsAsXml", true, true).asText());
            assertThat(exec(route.asText(), "isUpdateRouteEnabled()").asBoolean()).isFalse();
        }

        assertThat(dumps).contains("<routeStat").doesNotContain(SECRETS);
    }

    @Test
    void routeXmlWithPlaceholdersResolvedIsRefused() {
        String route = jolokia.send(Map.of("type", "search", "mbean", "org.apache.camel:type=routes,name=\"zont.token\",*"))
                .get("value").get(0).asText();

        assertThat(refused(contextMBean, "dumpRoutesAsXml(boolean)", true)).isTrue();
        assertThat(refused(contextMBean, "dumpRoutesAsXml(boolean,boolean)", true, true)).isTrue();
        assertThat(refused(contextMBean, "dumpRoutesAsXml(boolean,boolean,boolean)", true, true, true)).isTrue();
        assertThat(refused(contextMBean, "dumpRoutesAsXml", true)).isTrue();
        assertThat(refused(route, "dumpRouteAsXml(boolean)", true)).isTrue();
        assertThat(refused(route, "dumpRouteAsXml(boolean,boolean)", true, true)).isTrue();
        assertThat(refused(route, "dumpRouteAsXml", true)).isTrue();
    }

    @Test
    void yamlAndTemplateDumpsAndRouteUpdatesAreRefused() {
        String route = jolokia.send(Map.of("type", "search", "mbean", "org.apache.camel:type=routes,name=\"zont\",*"))
                .get("value").get(0).asText();

        assertThat(refused(contextMBean, "dumpRoutesAsYaml()")).isTrue();
        assertThat(refused(contextMBean, "dumpRoutesAsYaml(boolean)", true)).isTrue();
        assertThat(refused(contextMBean, "dumpRouteTemplatesAsXml()")).isTrue();
        assertThat(refused(route, "dumpRouteAsYaml()")).isTrue();
        assertThat(refused(route, "updateRouteFromXml(java.lang.String)", "<route id=\"zont\"/>")).isTrue();
    }

    private static JsonNode exec(String mbean, String operation, Object... arguments) {
        JsonNode answer = jolokia.send(Map.of("type", "exec", "mbean", mbean, "operation", operation, "arguments", List.of(arguments)));
        assertThat(answer.path("status").asInt()).as("%s: %s", operation, answer).isEqualTo(200);
        return answer.get("value");
    }

    private static boolean refused(String mbean, String operation, Object... arguments) {
        JsonNode answer = jolokia.send(Map.of("type", "exec", "mbean", mbean, "operation", operation, "arguments", List.of(arguments)));
        return answer.path("status").asInt() == 403;
    }

    /** The app as an operator starts it, flows included, from the properties file in args[0], with the route in args[1]. */
    public static final class Member {

        static final String READY = "hawtio at ";

        public static void main(String[] args) throws Exception {
            Main main = new Main();
            main.setPropertyPlaceholderLocations("file:" + args[0]);
            main.addOverrideProperty("camel.main.routes-include-pattern",
                    "file:routes/auth/*.camel.yaml,file:routes/flows/*.camel.yaml,file:" + args[1]);
            Map.of("sandbox.port", "0", "hawtio.port", "0", "camel.management.enabled", "false", "flows.zont.period", "3600000",
                    "flows.yavapteke.period", "3600000", "flows.mobilesmarts.period", "3600000", "flows.salebasis.period", "3600000")
                    .forEach(main::addOverrideProperty);
            main.start();
            CamelContext context = main.getCamelContext();
            System.out.println(READY + context.getRegistry().lookupByNameAndType(MonitoringConfiguration.HAWTIO, HawtioConsole.class).uri());
            new CountDownLatch(1).await();
        }
    }
}
