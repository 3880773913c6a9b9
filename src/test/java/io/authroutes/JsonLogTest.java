package io.authroutes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.authroutes.testing.AppProcess;
import io.authroutes.testing.FakeApi;
import io.authroutes.testing.FakeApi.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code AUTHROUTES_LOG_FORMAT=json}: every line the app prints is one JSON object a log collector can read,
 * and the JSON layout masks as the text one does. As in {@link SecretsFromEverySourceTest}, the token
 * endpoint refuses the client secret and repeats it in its error text, and every logger the shipped
 * log4j2.xml does not pin runs at TRACE.
 */
class JsonLogTest {

    private static final String SECRET = "json-v4lue-c7d8e9";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FakeApi API = new FakeApi().on("/yv/connect/token", request -> new Reply(400,
            "{\"error\": \"invalid_client\", \"error_description\": \"client_secret " + SECRET + " is not valid\"}"));

    @TempDir
    static Path dir;
    private static AppProcess app;

    @BeforeAll
    static void startTheAppWithJsonLogs() throws Exception {
        Files.writeString(dir.resolve("call.camel.yaml"), """
                - route:
                    id: call-json
                    routeConfigurationId: flow-errors
                    from:
                      uri: "timer:call-json?repeatCount=1"
                      steps:
                        - to: direct:json
                """);
        Files.writeString(dir.resolve("app.properties"), """
                camel.main.name = authroutes
                camel.main.routes-include-pattern = file:routes/auth/*.camel.yaml,file:routes/flows/flow-errors.camel.yaml,file:%s
                camel.main.configuration-classes = io.authroutes.monitoring.MonitoringConfiguration,io.authroutes.sandbox.SandboxConfiguration
                camel.main.log-mask = true
                sandbox.enabled = false
                hawtio.enabled = false
                camel.management.enabled = false
                providers.json.kind = oauth2-client-credentials
                providers.json.baseUrl = %s
                providers.json.tokenUrl = %s
                providers.json.clientId = client-json
                providers.json.clientSecret = {{env:JSON_SECRET}}
                """.formatted(dir.resolve("call.camel.yaml"), API.url("/yv/api/v1"), API.url("/yv/connect/token")));
        Files.writeString(dir.resolve("log4j2.xml"), Files.readString(Path.of("src/main/resources/log4j2.xml"))
                .replace("<Logger name=\"io.authroutes\" level=\"INFO\"/>", "<Logger name=\"io.authroutes\" level=\"TRACE\"/>")
                .replace("<Root level=\"INFO\">", "<Root level=\"TRACE\">"));

        app = AppProcess.start(dir.resolve("app.properties"),
                Map.of("log4j2.configurationFile", dir.resolve("log4j2.xml").toString()),
                Map.of("AUTHROUTES_LOG_FORMAT", "json", "JSON_SECRET", SECRET));
        app.awaitLog("call-json: json: the token endpoint refused");
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        API.close();
    }

    @Test
    void everyLineIsADatedJsonEventAndTheRefusalIsOneOfThem() throws Exception {
        List<String> lines = app.log().lines().toList();
        assertThat(lines).filteredOn(line -> !line.startsWith("{")).isEmpty();
        List<JsonNode> events = new ArrayList<>();
        for (String line : lines) {
            events.add(JSON.readTree(line));
        }

        assertThat(events).hasSizeGreaterThan(10)
                .allSatisfy(event -> assertThat(event.path("@timestamp").asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z"))
                .anySatisfy(event -> assertThat(event.path("log.level").asText()).isEqualTo("TRACE"))
                .anySatisfy(event -> assertThat(event.path("message").asText()).isEqualTo("call-json: json: the token"
                        + " endpoint refused the request (HTTP 400, invalid_client: client_secret *** is not valid);"
                        + " check providers.json.clientId and providers.json.clientSecret"));
    }

    @Test
    void jsonLinesCarryNoSecret() {
        // the endpoint saw the secret: what follows is masking, not a secret that never arrived
        assertThat(API.requests("/yv/connect/token")).isPositive();
        assertThat(app.log()).doesNotContain(SECRET);
    }
}
