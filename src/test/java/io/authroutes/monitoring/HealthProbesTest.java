package io.authroutes.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.authroutes.testing.SandboxSpecification;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A platform's probes reach liveness and readiness without credentials on every address of the machine
 * (bound to 0.0.0.0, asked on loopback), while Hawtio and the management server (health details, metrics)
 * stay on loopback. They learn UP or DOWN and nothing else.
 */
@CamelMainTest(propertyPlaceholderLocations = "file:application.properties", properties = {
        "sandbox.port=0", "sandbox.revokeProbability=0", "sandbox.tokenLifetime=10m",
        "camel.main.routes-include-pattern=file:routes/auth/*.camel.yaml",
        "hawtio.enabled=false", "camel.management.enabled=false",
        "probes.enabled=true", "probes.host=0.0.0.0", "probes.port=0",
        "providers.zont-wrong.kind=zont", "providers.zont-wrong.baseUrl={{providers.zont.baseUrl}}",
        "providers.zont-wrong.login=demo", "providers.zont-wrong.password=not-the-password-9z",
        "providers.zont-wrong.client=dev@example.com"})
class HealthProbesTest extends SandboxSpecification {

    private final HttpClient http = HttpClient.newHttpClient();
    private URI probes;

    @BeforeEach
    void start() {
        int port = URI.create(context.getRegistry().lookupByNameAndType(HealthProbes.BEAN, HealthProbes.class).root()).getPort();
        probes = URI.create("http://127.0.0.1:" + port);
    }

    @Test
    void aProbeWithoutCredentialsReadsLivenessAndReadinessUp() throws Exception {
        assertThat(get(HealthProbes.LIVENESS)).satisfies(answer -> {
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("{\"status\":\"UP\"}");
        });
        assertThat(get(HealthProbes.READINESS).statusCode()).isEqualTo(200);
    }

    @Test
    void readinessIsDownWhileAProviderRefusesItsCredentialsAndSaysNothingMore() throws Exception {
        calls.call("zont-wrong", "POST", "devices", "{}");

        HttpResponse<String> readiness = get(HealthProbes.READINESS);

        assertThat(readiness.statusCode()).isEqualTo(503);
        assertThat(readiness.body()).isEqualTo("{\"status\":\"DOWN\"}");
        assertThat(get(HealthProbes.LIVENESS).statusCode()).as("a restart fixes no credentials").isEqualTo(200);
    }

    @Test
    void theProbeListenerServesNothingButTheTwoVerdicts() throws Exception {
        for (String path : new String[] {"/observe/health", "/observe/metrics", "/observe/jolokia", "/hawtio/", "/",
                HealthProbes.READINESS + "/authroutes-zont"}) {
            assertThat(get(path).statusCode()).as(path).isEqualTo(404);
        }
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(probes.resolve(HealthProbes.READINESS))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(probes.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
