package io.authroutes.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.authroutes.testing.JolokiaClient;
import java.util.Map;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With a users file configured, Hawtio's Jolokia answers only to users of that realm. */
@CamelMainTest(propertyPlaceholderLocations = "file:application.properties", properties = {
        "sandbox.port=0", "sandbox.revokeProbability=0",
        "camel.main.routes-include-pattern=file:routes/auth/*.camel.yaml",
        "hawtio.port=0", "camel.management.enabled=false",
        "hawtio.authenticationEnabled=true", "hawtio.realmFile=src/test/resources/hawtio-users.properties"},
        useJmx = true)
class HawtioLoginTest {

    private static final Map<String, Object> READ_ZONT = Map.of("type", "read", "mbean", "io.authroutes:type=auth,name=zont",
            "attribute", "State");

    @BeanInject
    CamelContext context;
    private JolokiaClient jolokia;

    @BeforeEach
    void start() {
        jolokia = JolokiaClient.at(context.getRegistry().lookupByNameAndType(MonitoringConfiguration.HAWTIO, HawtioConsole.class).uri());
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
        assertThat(jolokia.as("operator", "op-pass-5d2").readText("io.authroutes:type=auth,name=zont", "State")).isEqualTo("NO_TOKEN");
    }
}
