package io.authroutes.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.authroutes.testing.JolokiaClient;
import io.authroutes.testing.SandboxSpecification;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A web page the operator happens to open, on another origin, cannot run Jolokia operations through
 * Hawtio, nor read its answers: the console on loopback without a login is the case every
 * developer runs. Hawtio's own pages (same origin, operations by POST) work as before.
 */
@CamelMainTest(propertyPlaceholderLocations = "file:application.properties", properties = {
        "sandbox.port=0", "sandbox.revokeProbability=0", "sandbox.tokenLifetime=10m",
        "camel.main.routes-include-pattern=file:routes/auth/*.camel.yaml",
        "hawtio.port=0", "camel.management.enabled=false"},
        useJmx = true)
class HawtioCrossOriginTest extends SandboxSpecification {

    static final String ATTACKER = "http://attacker.example";

    private final HttpClient http = HttpClient.newHttpClient();
    private URI hawtio;
    private String zont;

    @BeforeEach
    void start() {
        hawtio = context.getRegistry().lookupByNameAndType(MonitoringConfiguration.HAWTIO, HawtioConsole.class).uri();
        zont = JolokiaClient.at(hawtio).send(Map.of("type", "search", "mbean", "org.apache.camel:type=routes,name=\"zont\",*"))
                .get("value").get(0).asText();
    }

    @Test
    void aCrossOriginGetOfStopLeavesTheRouteStartedAndEchoesNoOrigin() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(execByGet(hawtio, zont, "stop()")).header("Origin", ATTACKER).GET());

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(answer.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        assertThat(context.getRouteController().getRouteStatus("zont").isStarted()).isTrue();
    }

    @Test
    void anOperationByGetWithoutOriginIsRefusedSinceAnImageTagSendsNone() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(execByGet(hawtio, zont, "stop()")).GET());

        assertThat(answer.body()).contains("\"status\":403");
        assertThat(context.getRouteController().getRouteStatus("zont").isStarted()).isTrue();
    }

    @Test
    void anOperationByGetInTheQueryParameterIsRefusedToo() throws Exception {
        URI byParameter = URI.create(hawtio + "jolokia/?p=/exec/" + escaped(zont) + "/stop()");

        assertThat(send(HttpRequest.newBuilder(byParameter).GET()).body()).contains("\"status\":403");
        assertThat(context.getRouteController().getRouteStatus("zont").isStarted()).isTrue();
    }

    @Test
    void aCrossOriginPostOfStopIsRefused() throws Exception {
        // text/plain: a "simple" request that a browser sends without asking the server first
        HttpResponse<String> answer = send(HttpRequest.newBuilder(hawtio.resolve("jolokia/"))
                .header("Origin", ATTACKER).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(stop(zont))));

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(context.getRouteController().getRouteStatus("zont").isStarted()).isTrue();
    }

    @Test
    void aCrossOriginPreflightIsRefused() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(hawtio.resolve("jolokia/"))
                .header("Origin", ATTACKER).header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void hawtiosOwnPagePostsAnOperationAndItRuns() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(hawtio.resolve("jolokia/"))
                .header("Origin", origin(hawtio)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(stop(zont))));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"status\":200");
        assertThat(context.getRouteController().getRouteStatus("zont").isStopped()).isTrue();
    }

    @Test
    void aReadByGetIsRefusedSinceNoPageShouldReadAnswers() throws Exception {
        URI read = URI.create(hawtio + "jolokia/read/" + escaped(zont) + "/State");

        assertThat(send(HttpRequest.newBuilder(read).GET()).body()).contains("\"status\":403").doesNotContain("Started");
    }

    @Test
    void hawtioFindsItsJolokiaByGetAsItDoesOnLoading() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(hawtio.resolve("jolokia/")).GET());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"agent\"");
    }

    static URI execByGet(URI hawtio, String mbean, String operation) {
        return URI.create(hawtio + "jolokia/exec/" + escaped(mbean) + "/" + operation);
    }

    static String stop(String mbean) {
        return "{\"type\":\"exec\",\"mbean\":\"" + mbean.replace("\"", "\\\"") + "\",\"operation\":\"stop()\"}";
    }

    /** The scheme, host and port a browser sends as the Origin of Hawtio's own pages. */
    static String origin(URI hawtio) {
        return hawtio.getScheme() + "://" + hawtio.getRawAuthority();
    }

    private static String escaped(String mbean) {
        return mbean.replace("\"", "%22");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
