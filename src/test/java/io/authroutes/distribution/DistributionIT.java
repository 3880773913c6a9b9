package io.authroutes.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.authroutes.testing.AppProcess;
import io.authroutes.testing.FakeApi;
import io.authroutes.testing.FakeApi.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.component.seda.SedaComponent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README "Run your own flows": the distribution {@code mvn package} lays out in target/authroutes, started by
 * its launcher on a team's directory outside this repository: an application.properties with one provider
 * block and nothing else, a flow that hands orders over {@code seda:}, a component the distribution does not
 * carry, and camel-seda's jar dropped into the project's lib/. The flow's call reaches the API with a token.
 */
class DistributionIT {

    static final Path LAUNCHER = Path.of("target/authroutes/bin/authroutes");
    private static final String CLIENT_SECRET = "team-secret-5c1e9a";
    private static final String TOKEN = "tk-team-3f7b20";
    private static final AtomicInteger AUTHENTICATED_CALLS = new AtomicInteger();

    private static final FakeApi API = new FakeApi()
            .on("/oauth/token", request -> request.body().contains("client_secret=" + CLIENT_SECRET)
                    ? new Reply(200, "{\"access_token\": \"" + TOKEN + "\", \"expires_in\": 3600, \"token_type\": \"Bearer\"}")
                    : new Reply(400, "{\"error\": \"invalid_client\"}"))
            .on("/api/orders", request -> {
                if (!request.header("Authorization").equals("Bearer " + TOKEN)) {
                    return new Reply(401, "{}");
                }
                AUTHENTICATED_CALLS.incrementAndGet();
                return new Reply(200, "{\"orders\": [{\"id\": 17}]}");
            });

    @TempDir
    static Path project;
    private static AppProcess app;

    @BeforeAll
    static void startTheLauncherOnATeamsDirectory() throws Exception {
        Files.writeString(project.resolve("application.properties"), """
                providers.acme.kind = oauth2-client-credentials
                providers.acme.baseUrl = %s
                providers.acme.tokenUrl = %s
                providers.acme.clientId = team-client
                providers.acme.clientSecret = {{env:ACME_CLIENT_SECRET}}
                camel.management.enabled = false
                """.formatted(API.url("/api"), API.url("/oauth/token")));
        Files.createDirectories(project.resolve("routes"));
        Files.writeString(project.resolve("routes/orders.camel.yaml"), """
                - route:
                    id: orders-in
                    from:
                      uri: "timer:orders?repeatCount=1"
                      steps:
                        - to: seda:orders
                - route:
                    id: orders-out
                    from:
                      uri: seda:orders
                      steps:
                        - setHeader:
                            name: CamelHttpMethod
                            constant: GET
                        - setHeader:
                            name: CamelHttpPath
                            constant: orders
                        - to: direct:acme
                        - log: "acme orders: HTTP ${header.CamelHttpResponseCode} ${body}"
                """);
        Path seda = Path.of(SedaComponent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Files.createDirectories(project.resolve("lib"));
        Files.copy(seda, project.resolve("lib").resolve(seda.getFileName()));

        app = AppProcess.launch(LAUNCHER, List.of("--dir", project.toString()), Map.of("ACME_CLIENT_SECRET", CLIENT_SECRET));
        app.awaitLog("acme orders: HTTP 200");
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        API.close();
    }

    @Test
    void flowOfTheTeamsDirectoryCallsThroughAnAddedComponentWithAToken() {
        assertThat(AUTHENTICATED_CALLS).hasValue(1);
        assertThat(API.requests("/oauth/token")).isEqualTo(1);
        assertThat(app.log()).contains("acme orders: HTTP 200 {\"orders\": [{\"id\": 17}]}");
    }

    @Test
    void jsonLogFormatWorksFromTheDistributionsJar() throws Exception {
        Path training = LAUNCHER.getParent().resolveSibling("config/training");
        try (AppProcess json = AppProcess.launch(LAUNCHER, List.of("--dir", training.toString()),
                Map.of("AUTHROUTES_LOG_FORMAT", "json", "JAVA_OPTS", "-Dcamel.main.durationMaxSeconds=1"))) {
            assertThat(json.exitCode(150)).as(json.log()).isZero();
            assertThat(json.log().lines()).hasSizeGreaterThan(10).allMatch(line -> line.startsWith("{\"@timestamp\":"))
                    .anyMatch(line -> line.contains("started in"));
        }
    }

    @Test
    void logLinesAreDatedAndCarryNoSecret() {
        List<String> lines = app.log().lines().filter(line -> line.contains(" INFO ")).toList();

        assertThat(lines).isNotEmpty()
                .allSatisfy(line -> assertThat(line).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}([+-]\\d{2}:\\d{2}|Z) .*"));
        assertThat(app.log()).doesNotContain(CLIENT_SECRET, TOKEN);
    }
}
