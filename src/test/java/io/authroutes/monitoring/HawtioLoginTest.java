package io.authroutes.monitoring;

import static io.authroutes.testing.ProviderCalls.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.authroutes.testing.JolokiaClient;
import io.authroutes.testing.SandboxSpecification;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With a users file configured, Hawtio's Jolokia answers only to users of that realm; every user
 * reads, and only the operator roles (admin, and here also operator) change anything.
 */
@CamelMainTest(propertyPlaceholderLocations = "file:application.properties", properties = {
        "sandbox.port=0", "sandbox.revokeProbability=0", "sandbox.tokenLifetime=10m",
        "camel.main.routes-include-pattern=file:routes/auth/*.camel.yaml",
        "hawtio.port=0", "camel.management.enabled=false",
        "hawtio.authenticationEnabled=true", "hawtio.realmFile=src/test/resources/hawtio-users.properties",
        "hawtio.operatorRoles=admin,operator"},
        useJmx = true)
class HawtioLoginTest extends SandboxSpecification {

    private static final String ZONT = "io.authroutes:type=auth,name=zont";
    private static final Map<String, Object> READ_ZONT = Map.of("type", "read", "mbean", ZONT, "attribute", "State");

    private URI hawtio;
    private JolokiaClient jolokia;
    private JolokiaClient admin;
    private JolokiaClient viewer;

    @BeforeEach
    void start() {
        hawtio = context.getRegistry().lookupByNameAndType(MonitoringConfiguration.HAWTIO, HawtioConsole.class).uri();
        jolokia = JolokiaClient.at(hawtio);
        admin = jolokia.as("operator", "op-pass-5d2");
        viewer = jolokia.as("watcher", "view-pass-8c1");
    }

    private String route(String id) {
        return admin.send(Map.of("type", "search", "mbean", "org.apache.camel:type=routes,name=\"" + id + "\",*"))
                .get("value").get(0).asText();
    }

    private static boolean refused(JolokiaClient user, String mbean, String operation) {
        JsonNode answer = user.send(Map.of("type", "exec", "mbean", mbean, "operation", operation));
        return answer.path("status").asInt() == 403;
    }

    @Test
    void aRequestWithoutCredentialsIsRefused() {
        assertThat(jolokia.post(READ_ZONT).statusCode()).isIn(401, 403);
    }

    @Test
    void aRequestWithAWrongPasswordIsRefused() {
        assertThat(jolokia.as("operator", "guess").post(READ_ZONT).statusCode()).isIn(401, 403);
    }

    @Test
    void aUserOfTheRealmReadsTheAuthMBeans() {
        assertThat(admin.readText(ZONT, "State")).isEqualTo("NO_TOKEN");
    }

    @Test
    void aViewerReadsTheAuthMBeansAndRoutes() {
        assertThat(status(calls.call("zont", "POST", "devices", "{}"))).isEqualTo(200);

        assertThat(viewer.readText(ZONT, "State")).isEqualTo("VALID");
        assertThat(viewer.readText(route("salebasis"), "State")).isEqualTo("Started");
    }

    @Test
    void aViewerDrawsRouteDiagramsWithTheirStatistics() {
        String camel = viewer.send(Map.of("type", "search", "mbean", "org.apache.camel:type=context,*")).get("value").get(0).asText();

        assertThat(viewer.exec(camel, "dumpRoutesAsXml()").asText()).contains("id=\"salebasis\"");
        assertThat(viewer.send(Map.of("type", "exec", "mbean", route("salebasis"), "operation", "dumpRouteStatsAsXml",
                "arguments", List.of(true, true))).get("value").asText()).contains("<routeStat");
    }

    @Test
    void aViewerCannotStopARoute() {
        assertThat(refused(viewer, route("salebasis"), "stop()")).isTrue();

        assertThat(context.getRouteController().getRouteStatus("salebasis").isStarted()).isTrue();
    }

    @Test
    void aViewerCannotStartARoute() throws Exception {
        context.getRouteController().stopRoute("salebasis");

        assertThat(refused(viewer, route("salebasis"), "start()")).isTrue();

        assertThat(context.getRouteController().getRouteStatus("salebasis").isStopped()).isTrue();
    }

    @Test
    void aViewerCannotInvalidateAToken() {
        assertThat(status(calls.call("zont", "POST", "devices", "{}"))).isEqualTo(200);

        assertThat(refused(viewer, ZONT, "invalidate()")).isTrue();
        assertThat(refused(viewer, ZONT, "invalidate")).isTrue();

        assertThat(calls.auth("zont").current()).isPresent();
    }

    @Test
    void aViewerCannotRenewATokenNow() {
        assertThat(status(calls.call("zont", "POST", "devices", "{}"))).isEqualTo(200);

        assertThat(refused(viewer, ZONT, "renewNow()")).isTrue();

        assertThat(sandbox.zont().tokenRequests("login")).isEqualTo(1);
    }

    @Test
    void anAdminStopsAndStartsARoute() {
        String route = route("salebasis");

        assertThat(admin.exec(route, "stop()")).isNotNull();
        assertThat(context.getRouteController().getRouteStatus("salebasis").isStopped()).isTrue();
        admin.exec(route, "start()");
        assertThat(context.getRouteController().getRouteStatus("salebasis").isStarted()).isTrue();
    }

    @Test
    void aRoleNamedInOperatorRolesInvalidatesAToken() {
        assertThat(status(calls.call("zont", "POST", "devices", "{}"))).isEqualTo(200);

        jolokia.as("oncall", "oncall-pass-3e7").exec(ZONT, "invalidate()");

        assertThat(calls.auth("zont").current()).isEmpty();
    }

    @Test
    void theSessionCookieGoesOnlyWithHawtiosOwnRequestsAndIsHiddenFromScripts() throws Exception {
        HttpResponse<String> login = login("operator", "op-pass-5d2");

        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().firstValue("Set-Cookie")).hasValueSatisfying(cookie -> assertThat(cookie)
                .contains("JSESSIONID=").containsIgnoringCase("SameSite=Strict").containsIgnoringCase("HttpOnly"));
    }

    @Test
    void aLoggedInOperatorsSessionRunsOperationsFromHawtiosOwnPagesOnly() throws Exception {
        String session = login("operator", "op-pass-5d2").headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String salebasis = route("salebasis");

        assertThat(postWithSession(session, HawtioCrossOriginTest.ATTACKER, salebasis).statusCode()).isEqualTo(403);
        assertThat(context.getRouteController().getRouteStatus("salebasis").isStarted()).isTrue();

        assertThat(postWithSession(session, HawtioCrossOriginTest.origin(hawtio), salebasis).body()).contains("\"status\":200");
        assertThat(context.getRouteController().getRouteStatus("salebasis").isStopped()).isTrue();
    }

    private HttpResponse<String> login(String user, String password) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(hawtio.resolve("auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postWithSession(String cookie, String origin, String route) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(hawtio.resolve("jolokia/"))
                .header("Cookie", cookie).header("Origin", origin).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(HawtioCrossOriginTest.stop(route))).build(), HttpResponse.BodyHandlers.ofString());
    }
}
