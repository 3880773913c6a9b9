package io.authroutes.library;

import static org.assertj.core.api.Assertions.assertThat;

import io.authroutes.testing.FakeApi;
import io.authroutes.testing.FakeApi.Reply;
import io.authroutes.testing.ScratchApp;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A user's own Camel Main app, outside this repository, with authroutes-camel as its one dependency beside
 * what any Camel Main YAML app has (camel-main, camel-yaml-dsl, and the timer its flow starts from): a
 * providers block and a flow calling direct:acme are all it writes, and the call reaches the API with a token.
 */
class LibraryInCamelMainIT {

    static final String TOKEN = "tk-orders-1";
    static final String CLIENT_SECRET = "cs-orders-7a1f";

    @Test
    void providerBlockAndFlowOnlyThenTheCallArrivesAuthenticated() throws Exception {
        CountDownLatch authenticated = new CountDownLatch(1);
        try (FakeApi api = new FakeApi(); ScratchApp app = ScratchApp.create("camel-main")) {
            serveOrdersBehindToken(api, authenticated);
            app.pom(List.of("org.apache.camel:camel-bom:4.18.0"),
                            List.of("org.apache.camel:camel-main", "org.apache.camel:camel-yaml-dsl", "org.apache.camel:camel-timer"))
                    .file("src/main/resources/application.properties", providerBlock(api))
                    .file("src/main/resources/camel/orders.camel.yaml", ORDERS_FLOW);
            app.build();

            assertNothingTheHostChooses(app.dependencyTree());
            app.start("org.apache.camel.main.Main");
            assertThat(app.awaitWhileRunning(authenticated, 3)).as("an authenticated call; the app said:%n%s", app.log()).isTrue();
            assertThat(api.requests("/oauth2/token")).isEqualTo(1);
        }
    }

    /** An orders API behind OAuth2 client credentials; {@code authenticated} counts down when a call carries the token. */
    static void serveOrdersBehindToken(FakeApi api, CountDownLatch authenticated) {
        api.on("/oauth2/token", request -> new Reply(200,
                "{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}"));
        api.on("/api/orders", request -> {
            if (!request.header("Authorization").equals("Bearer " + TOKEN)) {
                return new Reply(401, "{}");
            }
            authenticated.countDown();
            return new Reply(200, "{\"orders\":[]}");
        });
    }

    /** The application.properties a user writes for that API: the app's name and one providers block. */
    static String providerBlock(FakeApi api) {
        return """
                camel.main.name = orders
                providers.acme.kind = oauth2-client-credentials
                providers.acme.baseUrl = %s
                providers.acme.tokenUrl = %s
                providers.acme.clientId = orders-app
                providers.acme.clientSecret = %s
                """.formatted(api.url("/api"), api.url("/oauth2/token"), CLIENT_SECRET);
    }

    /** A flow as a user writes it, started once: the provider is just direct:acme. */
    static final String ORDERS_FLOW = ordersFlow("timer:orders?repeatCount=1");

    static String ordersFlow(String from) {
        return """
                - route:
                    id: orders
                    from:
                      uri: %s
                      steps:
                        - setHeader:
                            name: CamelHttpMethod
                            constant: GET
                        - setHeader:
                            name: CamelHttpPath
                            constant: /orders
                        - to: direct:acme
                        - log: "orders: ${body}"
                """.formatted(from);
    }

    /** No web console, web server or logging binding arrives with the library, and Netty at most once. */
    static void assertNothingTheHostChooses(String tree) {
        assertThat(tree).contains("io.authroutes:authroutes-camel:jar:" + ScratchApp.libraryVersion())
                .doesNotContainIgnoringCase("hawtio").doesNotContainIgnoringCase("jetty")
                .doesNotContain("log4j-slf4j").doesNotContain("log4j-core").doesNotContain("logback-classic")
                .doesNotContain("slf4j-simple").doesNotContain("slf4j-reload4j").doesNotContain("jolokia");
        Matcher netty = Pattern.compile("io\\.netty:[\\w.-]+:jar:([\\w.-]+)").matcher(tree);
        Set<String> versions = netty.results().map(m -> m.group(1)).collect(Collectors.toSet());
        assertThat(versions).as("Netty versions").hasSizeLessThanOrEqualTo(1);
    }
}
