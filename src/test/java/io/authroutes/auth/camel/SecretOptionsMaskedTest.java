package io.authroutes.auth.camel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.authroutes.testing.CapturedLog;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.management.ObjectName;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.util.URISupport;
import org.junit.jupiter.api.Test;

/**
 * Camel masks option values by option name, not by the catalog's secret flag: every option the catalog
 * marks secret has a name that Camel masks, with application.properties'
 * camel.main.additional-sensitive-keywords, in endpoint URIs as logs show them and in JMX names.
 */
@CamelMainTest(propertyPlaceholderLocations = "file:application.properties", properties = {
        "sandbox.enabled=false", "hawtio.enabled=false", "camel.management.enabled=false", "camel.main.jmx-enabled=true",
        "camel.main.routes-include-pattern=file:routes/auth/*.camel.yaml"})
class SecretOptionsMaskedTest {

    @BeanInject
    CamelContext context;

    /** One endpoint per secret option of the catalog, the option set to a value found nowhere else. */
    private Map<String, String> endpointsWithEachSecretOption() throws Exception {
        JsonNode properties = OptionReferenceTest.catalog().path("properties");
        Map<String, String> uris = new java.util.TreeMap<>();
        int n = 0;
        for (var option : properties.properties()) {
            if (!option.getValue().path("secret").asBoolean()) {
                continue;
            }
            String step = option.getValue().path("label").asText().split(",")[0];
            String name = option.getValue().has("prefix") ? option.getValue().path("prefix").asText() + "client_secret" : option.getKey();
            String marker = "@maskedRef" + (++n);
            String extra = step.equals("header") ? "&name=X-Api-Key" : "";
            uris.put(marker, "authroutes:" + step + "?provider=masked" + extra + "&" + name + "=" + marker);
        }
        return uris;
    }

    @Test
    void everySecretOptionOfTheCatalogIsMaskedInEndpointUrisAsLogged() throws Exception {
        Map<String, String> uris = endpointsWithEachSecretOption();

        assertThat(uris).hasSizeGreaterThanOrEqualTo(4);
        uris.forEach((marker, uri) -> assertThat(URISupport.sanitizeUri(uri)).as(uri).doesNotContain(marker.substring(1)));
    }

    @Test
    void everySecretOptionOfTheCatalogIsMaskedInJmxNamesAndTheLog() throws Exception {
        Map<String, String> uris = endpointsWithEachSecretOption();
        List<Endpoint> made = new ArrayList<>();
        try (CapturedLog log = CapturedLog.capture()) {
            for (String uri : uris.values()) {
                Endpoint endpoint = context.getEndpoint(uri);
                made.add(endpoint);
                org.slf4j.LoggerFactory.getLogger(SecretOptionsMaskedTest.class).info("made {}", endpoint);
            }

            Set<ObjectName> names = ManagementFactory.getPlatformMBeanServer()
                    .queryNames(new ObjectName("org.apache.camel:type=endpoints,*"), null);
            assertThat(names.stream().map(ObjectName::toString).filter(name -> name.contains("authroutes"))).hasSizeGreaterThanOrEqualTo(uris.size())
                    .allSatisfy(name -> uris.keySet().forEach(marker -> assertThat(name).doesNotContain(marker.substring(1))));
            uris.keySet().forEach(marker -> assertThat(log.text()).doesNotContain(marker.substring(1)));
        } finally {
            for (Endpoint endpoint : made) {
                context.removeEndpoint(endpoint);
            }
        }
    }
}
