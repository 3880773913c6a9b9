package io.authroutes.auth.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authroutes.auth.ProviderConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flow that calls {@code direct:<id>} with no provider behind it stops the start, naming the id and the key
 * to set, rather than failing its first call 30 s later.
 */
class DanglingDirectCallTest {

    @TempDir
    Path flows;

    @Test
    void flowCallsAProviderWhoseBlockHasNoBaseUrlThenTheStartIsRefusedNamingTheKey() throws Exception {
        Main main = app(Map.of("providers.acme.kind", "api-key", "providers.acme.apiKey", "ak-1"));
        try {
            assertThatThrownBy(main::start).isInstanceOf(ProviderConfigurationException.class)
                    .hasMessage("acme: route orders calls direct:acme but nothing answers there: set providers.acme.baseUrl"
                            + " (and the rest of the providers.acme block) for a provider of that id, or add a route from direct:acme");
        } finally {
            main.stop();
        }
    }

    @Test
    void flowRouteTakesTheIdOfAProviderThenTheStartIsRefusedNamingTheRoute() throws Exception {
        Main main = app(Map.of("providers.orders.kind", "api-key", "providers.orders.apiKey", "ak-1",
                "providers.orders.baseUrl", "http://127.0.0.1:9/api", "providers.acme.kind", "api-key",
                "providers.acme.apiKey", "ak-2", "providers.acme.baseUrl", "http://127.0.0.1:9/api"));
        try {
            assertThatThrownBy(main::start).isInstanceOf(ProviderConfigurationException.class)
                    .hasMessageContaining("a route of the application has the id 'orders', which the call route of"
                            + " providers.orders takes; give that route another id");
        } finally {
            main.stop();
        }
    }

    @Test
    void flowCallsAnotherFlowThenStarts() throws Exception {
        Files.writeString(flows.resolve("audit.camel.yaml"), """
                - route:
                    id: audit
                    from:
                      uri: direct:acme
                      steps:
                        - setBody:
                            constant: audited
                """);
        Main main = app(Map.of());
        try {
            main.start();
            assertThat(main.getCamelContext().getRoute("orders")).isNotNull();
        } finally {
            main.stop();
        }
    }

    private Main app(Map<String, String> properties) throws Exception {
        Files.writeString(flows.resolve("orders.camel.yaml"), """
                - route:
                    id: orders
                    from:
                      uri: direct:orders
                      steps:
                        - to: direct:acme
                """);
        Main main = new Main();
        main.addOverrideProperty("camel.main.routes-include-pattern", "file:" + flows + "/*.camel.yaml");
        properties.forEach(main::addOverrideProperty);
        return main;
    }
}
