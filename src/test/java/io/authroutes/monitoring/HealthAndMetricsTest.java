package io.authroutes.monitoring;

import static io.authroutes.testing.ProviderCalls.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.authroutes.testing.FreePort;
import io.authroutes.testing.SandboxSpecification;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.StreamSupport;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

/** {@code /observe/health} and {@code /observe/metrics} on Camel's management server, one entry per provider. */
@CamelMainTest(propertyPlaceholderLocations = "file:application.properties", properties = {
        "sandbox.port=0", "sandbox.revokeProbability=0", "sandbox.tokenLifetime=10m",
        "camel.main.routes-include-pattern=file:routes/auth/*.camel.yaml",
        "hawtio.enabled=false", "camel.management.port={{sys:test.managementPort}}",
        "providers.zont-wrong.kind=zont", "providers.zont-wrong.baseUrl={{providers.zont.baseUrl}}",
        "providers.zont-wrong.login=demo", "providers.zont-wrong.password=not-the-password-9z",
        "providers.zont-wrong.client=dev@example.com"})
class HealthAndMetricsTest extends SandboxSpecification {

    private static final int MANAGEMENT_PORT = FreePort.publish("test.managementPort");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEVICES = "{\"load_io\": true}";

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void healthHasOneCheckPerProviderUpWhileItsTokensCanBeObtained() throws Exception {
        JsonNode health = health();

        for (String id : new String[] {"zont", "zont-wrong", "yavapteke", "mobilesmarts", "salebasis"}) {
            assertThat(check(health, "authroutes-" + id)).as(id).isEqualTo("UP");
        }
    }

    @Test
    void healthIsDownWhileAProviderRefusesTheCredentials() throws Exception {
        calls.call("zont-wrong", "POST", "devices", DEVICES);

        JsonNode health = health();

        assertThat(check(health, "authroutes-zont-wrong")).isEqualTo("DOWN");
        assertThat(check(health, "authroutes-zont")).isEqualTo("UP");
        assertThat(health.get("status").asText()).isEqualTo("DOWN");
        assertThat(health.toString()).doesNotContain("not-the-password-9z");
    }

    @Test
    void healthIsDownWhileTheTokenEndpointBacksOffAndUpOnceACallGetsATokenAgain() throws Exception {
        calls.auth("zont").invalidate();
        sandbox.zont().failTokenEndpoint(1000, 503);
        calls.call("zont", "POST", "devices", DEVICES);

        JsonNode health = health();
        assertThat(check(health, "authroutes-zont")).isEqualTo("DOWN");
        assertThat(health.toString()).contains("BACKING_OFF, next attempt");

        sandbox.zont().failTokenEndpoint(0, 503);
        clock.advance(Duration.ofSeconds(31));
        assertThat(status(calls.call("zont", "POST", "devices", DEVICES))).isEqualTo(200);
        assertThat(check(health(), "authroutes-zont")).isEqualTo("UP");
    }

    @Test
    void metricsCountTokenRequestsReauthenticationsAndCallsPerProvider() throws Exception {
        calls.auth("yavapteke").invalidate();
        double logins = metric("authroutes_token_requests_total{operation=\"login\",outcome=\"success\",provider=\"yavapteke\",store=\"local\"}");
        double callsBefore = metric("authroutes_calls_seconds_count{provider=\"yavapteke\"}");
        double reauthentications = metric("authroutes_reauthentications_total{provider=\"yavapteke\"}");

        assertThat(status(calls.call("yavapteke", "GET", "orders", null))).isEqualTo(200);
        sandbox.yavapteke().revokeAll();
        assertThat(status(calls.call("yavapteke", "GET", "orders", null))).isEqualTo(200);

        assertThat(metric("authroutes_token_requests_total{operation=\"login\",outcome=\"success\",provider=\"yavapteke\",store=\"local\"}")).isEqualTo(logins + 2);
        assertThat(metric("authroutes_reauthentications_total{provider=\"yavapteke\"}")).isEqualTo(reauthentications + 1);
        assertThat(metric("authroutes_calls_seconds_count{provider=\"yavapteke\"}")).isEqualTo(callsBefore + 2);
        assertThat(metric("authroutes_auth_up{provider=\"yavapteke\"}")).isEqualTo(1);
        assertThat(get("/observe/metrics")).contains("authroutes_calls_seconds_sum{provider=\"zont\"}",
                "authroutes_calls_seconds_sum{provider=\"salebasis\"}", "authroutes_calls_seconds_sum{provider=\"mobilesmarts\"}");
    }

    private JsonNode health() throws Exception {
        return JSON.readTree(get("/observe/health"));
    }

    private static String check(JsonNode health, String name) {
        return StreamSupport.stream(health.get("checks").spliterator(), false)
                .filter(c -> c.get("name").asText().equals(name))
                .map(c -> c.get("status").asText())
                .findFirst().orElseThrow(() -> new AssertionError("no check " + name + " in " + health));
    }

    private double metric(String series) throws Exception {
        return get("/observe/metrics").lines()
                .filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no series " + series));
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + MANAGEMENT_PORT + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.body();
    }
}
