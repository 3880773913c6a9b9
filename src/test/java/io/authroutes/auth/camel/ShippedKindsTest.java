package io.authroutes.auth.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authroutes.auth.ProviderConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.main.Main;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteTemplateDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library's kinds are read when a provider names them, and only then; an application's own kind of a
 * shipped name replaces the shipped one; a kind that is neither stops the start, naming it and every kind there is.
 */
class ShippedKindsTest {

    /** A kind of the application's own: its call route answers without any token. */
    private static final String OWN_KIND = """
            - routeTemplate:
                id: %1$s.call
                parameters:
                  - name: id
                route:
                  from:
                    uri: "direct:{{id}}"
                    steps:
                      - setBody:
                          constant: "answered by the application's own %1$s kind"
            - routeTemplate:
                id: %1$s.token
                parameters:
                  - name: id
                route:
                  from:
                    uri: "direct:{{id}}.token"
                    steps:
                      - setBody:
                          constant: unused
            """;

    @TempDir
    Path routes;

    @Test
    void providerNamesOneKindThenOnlyThatShippedKindIsRead() throws Exception {
        Main main = app(Map.of("providers.acme.kind", "api-key", "providers.acme.apiKey", "ak-1",
                "providers.acme.baseUrl", "http://127.0.0.1:9/api"));
        try {
            main.start();
            Model model = main.getCamelContext().getCamelContextExtension().getContextPlugin(Model.class);
            assertThat(model.getRouteTemplateDefinitions()).extracting(RouteTemplateDefinition::getId)
                    .containsExactlyInAnyOrder("api-key.call", "api-key.token");
        } finally {
            main.stop();
        }
    }

    @Test
    void applicationDefinesAKindOfAShippedNameThenItsOwnAnswers() throws Exception {
        Files.writeString(routes.resolve("api-key.camel.yaml"), OWN_KIND.formatted("api-key"));
        Main main = app(Map.of("providers.acme.kind", "api-key", "providers.acme.baseUrl", "http://127.0.0.1:9/api"));
        try {
            main.start();
            String answer = main.getCamelContext().createProducerTemplate().requestBody("direct:acme", "", String.class);
            assertThat(answer).isEqualTo("answered by the application's own api-key kind");
        } finally {
            main.stop();
        }
    }

    @Test
    void kindIsNeitherShippedNorTheApplicationsThenRefusedNamingItAndListingEveryKind() throws Exception {
        Files.writeString(routes.resolve("ledger.camel.yaml"), OWN_KIND.formatted("ledger"));
        Main main = app(Map.of("providers.acme.kind", "api-keys", "providers.acme.baseUrl", "http://127.0.0.1:9/api"));
        try {
            assertThatThrownBy(main::start).isInstanceOf(ProviderConfigurationException.class)
                    .hasMessage("acme: no provider kind api-keys (route templates api-keys.call and api-keys.token): set"
                            + " providers.acme.kind to one of [api-key, ledger, mobilesmarts, oauth2-client-credentials,"
                            + " oauth2-password, salebasis, zont], or add your own api-keys.camel.yaml to the routes Camel loads");
        } finally {
            main.stop();
        }
    }

    @Test
    void kindNamesAnotherResourceThenRefusedAsNoKind() throws Exception {
        Main main = app(Map.of("providers.acme.kind", "../token-routes", "providers.acme.baseUrl", "http://127.0.0.1:9/api"));
        try {
            assertThatThrownBy(main::start).isInstanceOf(ProviderConfigurationException.class)
                    .hasMessageStartingWith("acme: no provider kind ../token-routes (route templates");
        } finally {
            main.stop();
        }
    }

    private Main app(Map<String, String> properties) {
        Main main = new Main();
        main.addOverrideProperty("camel.main.routes-include-pattern", "file:" + routes + "/*.camel.yaml");
        properties.forEach(main::addOverrideProperty);
        return main;
    }
}
