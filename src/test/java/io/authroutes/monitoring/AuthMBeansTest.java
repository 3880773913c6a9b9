package io.authroutes.monitoring;

import static io.authroutes.testing.ProviderCalls.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.authroutes.auth.Token;
import io.authroutes.sandbox.MobileSmartsSimulator;
import io.authroutes.sandbox.YaVaptekeSimulator;
import io.authroutes.sandbox.ZontSimulator;
import io.authroutes.testing.JolokiaClient;
import io.authroutes.testing.SandboxSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The auth MBeans as Hawtio reads and operates them: through its Jolokia endpoint, under the access policy. */
@CamelMainTest(propertyPlaceholderLocations = "file:application.properties", properties = {
        "sandbox.port=0", "sandbox.revokeProbability=0", "sandbox.tokenLifetime=10m",
        "camel.main.routes-include-pattern=file:routes/auth/*.camel.yaml",
        "hawtio.port=0", "camel.management.enabled=false"}, useJmx = true)
class AuthMBeansTest extends SandboxSpecification {

    private static final String ZONT = "io.authroutes:type=auth,name=zont";
    private static final String DEVICES = "{\"load_io\": true}";

    private JolokiaClient jolokia;

    @BeforeEach
    void start() {
        jolokia = JolokiaClient.at(context.getRegistry().lookupByNameAndType(MonitoringConfiguration.HAWTIO, HawtioConsole.class).uri());
    }

    @Test
    void everyProviderHasAnMBeanUnderIoAuthroutes() {
        JsonNode all = jolokia.read("io.authroutes:type=auth,*");

        assertThat(all.fieldNames()).toIterable().map(AuthMBeansTest::providerOf)
                .containsExactlyInAnyOrder("zont", "yavapteke", "mobilesmarts", "salebasis");
        assertThat(all.elements().next().fieldNames()).toIterable().contains("State", "TokenFingerprint", "ObtainedAt",
                "ExpiresAt", "Acquisitions", "Refreshes", "Extensions", "Reauthentications", "Failures",
                "LastError", "NextAttemptAt", "AttemptsInEpisode");
    }

    @Test
    void anMBeanShowsTheTokenByItsFingerprintOnly() {
        assertThat(status(calls.call("zont", "POST", "devices", DEVICES))).isEqualTo(200);
        Token token = calls.auth("zont").current().orElseThrow();

        JsonNode zont = jolokia.read(ZONT);

        assertThat(zont.get("State").asText()).isEqualTo("VALID");
        assertThat(zont.get("TokenFingerprint").asText()).isEqualTo(token.fingerprint()).hasSize(8);
        assertThat(zont.get("ObtainedAt").asText()).isEqualTo(token.obtainedAt().toString());
        assertThat(zont.get("ExpiresAt").asText()).as("ZONT tokens live until revoked").isEmpty();
        assertThat(zont.toString()).doesNotContain(token.value());
    }

    @Test
    void invalidatingFromHawtioMakesTheNextCallAcquireExactlyOneNewToken() {
        assertThat(status(calls.call("zont", "POST", "devices", DEVICES))).isEqualTo(200);
        long acquisitions = jolokia.readLong(ZONT, "Acquisitions");
        int logins = sandbox.zont().tokenRequests("login");

        JsonNode answer = jolokia.exec(ZONT, "invalidate()");
        assertThat(answer.asText()).contains("next call");
        assertThat(jolokia.readText(ZONT, "State")).isEqualTo("NO_TOKEN");
        assertThat(jolokia.readLong(ZONT, "Acquisitions")).as("invalidating alone asks nothing of the provider").isEqualTo(acquisitions);

        assertThat(status(calls.call("zont", "POST", "devices", DEVICES))).isEqualTo(200);
        assertThat(status(calls.call("zont", "POST", "devices", DEVICES))).isEqualTo(200);

        assertThat(jolokia.readLong(ZONT, "Acquisitions")).isEqualTo(acquisitions + 1);
        assertThat(sandbox.zont().tokenRequests("login")).isEqualTo(logins + 1);
        assertThat(jolokia.readText(ZONT, "State")).isEqualTo("VALID");
    }

    @Test
    void renewNowFromHawtioRefreshesWhereTheProviderAllowsIt() {
        String mobilesmarts = "io.authroutes:type=auth,name=mobilesmarts";
        assertThat(status(calls.call("mobilesmarts", "GET", "Docs", null))).isEqualTo(200);
        String before = jolokia.readText(mobilesmarts, "TokenFingerprint");
        long refreshes = jolokia.readLong(mobilesmarts, "Refreshes");

        assertThat(jolokia.exec(mobilesmarts, "renewNow()").asText()).startsWith("Renewed: token ");

        assertThat(jolokia.readText(mobilesmarts, "TokenFingerprint")).isNotEqualTo(before);
        assertThat(jolokia.readLong(mobilesmarts, "Refreshes")).isEqualTo(refreshes + 1);
    }

    @Test
    void thePolicyAllowsRouteStopAndStartButNoOtherOperationOrWrite() {
        String route = jolokia.send(Map.of("type", "search", "mbean", "org.apache.camel:type=routes,name=\"zont.token\",*"))
                .get("value").get(0).asText();
        assertThat(jolokia.exec(route, "stop()")).isNotNull();
        assertThat(jolokia.readText(route, "State")).isEqualTo("Stopped");
        jolokia.exec(route, "start()");
        assertThat(jolokia.readText(route, "State")).isEqualTo("Started");

        assertThat(refused(Map.of("type", "exec", "mbean", "java.lang:type=Memory", "operation", "gc()"))).isTrue();
        assertThat(refused(Map.of("type", "exec", "mbean", route, "operation", "remove()"))).isTrue();
        assertThat(refused(Map.of("type", "write", "mbean", route, "attribute", "TracingPattern", "value", "*"))).isTrue();
        assertThat(refused(Map.of("type", "read", "mbean", "java.lang:type=Runtime", "attribute", "SystemProperties"))).isTrue();
    }

    @Test
    void noMBeanAttributeAnywhereContainsASecret() {
        Stream.of("zont", "yavapteke", "mobilesmarts", "salebasis").forEach(id ->
                assertThat(status(calls.call(id, "GET", "orders", null))).isLessThan(500));
        List<String> secrets = new ArrayList<>(List.of(ZontSimulator.PASSWORD, YaVaptekeSimulator.CLIENT_SECRET,
                MobileSmartsSimulator.CLIENT_SECRET));
        Stream.of("zont", "yavapteke", "mobilesmarts", "salebasis")
                .flatMap(id -> calls.auth(id).current().stream())
                .forEach(token -> {
                    secrets.add(token.value());
                    token.refresh().ifPresent(secrets::add);
                });

        JsonNode everything = jolokia.send(Map.of("type", "read", "mbean", "*:*", "config", Map.of("ignoreErrors", true)));

        assertThat(everything.path("status").asInt()).isEqualTo(200);
        assertThat(everything.get("value").size()).as("MBeans read").isGreaterThan(50);
        assertThat(everything.toString()).doesNotContain(secrets);
    }

    private static String providerOf(String objectName) {
        try {
            return new ObjectName(objectName).getKeyProperty("name");
        } catch (MalformedObjectNameException e) {
            throw new AssertionError(e);
        }
    }

    private boolean refused(Map<String, Object> request) {
        return jolokia.send(request).path("status").asInt() == 403;
    }
}
