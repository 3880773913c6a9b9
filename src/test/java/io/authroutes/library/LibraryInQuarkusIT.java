package io.authroutes.library;

import static org.assertj.core.api.Assertions.assertThat;

import io.authroutes.testing.FakeApi;
import io.authroutes.testing.ScratchApp;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * A user's own Camel Quarkus app (JVM mode), outside this repository: the Camel Quarkus extensions its flow
 * uses, the authroutes-camel artifact, a YAML flow calling direct:acme and a providers block in Quarkus's
 * application.properties, built by the Quarkus Maven plugin and run as {@code java -jar quarkus-run.jar}.
 * Nothing else is wired: Camel finds the library's plugin, the kinds and the provider block by itself.
 */
class LibraryInQuarkusIT {

    /** Camel Quarkus 3.33.1 is built on Camel 4.18 (4.18.2) and Quarkus 3.33; 3.33.2 is the Quarkus 3.33 patch here. */
    static final String QUARKUS = "3.33.2";
    static final String CAMEL_QUARKUS = "3.33.1";

    @Test
    void providerBlockAndFlowOnlyThenTheCallArrivesAuthenticated() throws Exception {
        CountDownLatch authenticated = new CountDownLatch(1);
        try (FakeApi api = new FakeApi(); ScratchApp app = ScratchApp.create("quarkus")) {
            LibraryInCamelMainIT.serveOrdersBehindToken(api, authenticated);
            app.pom(List.of("io.quarkus:quarkus-bom:" + QUARKUS, "org.apache.camel.quarkus:camel-quarkus-bom:" + CAMEL_QUARKUS),
                            List.of("org.apache.camel.quarkus:camel-quarkus-yaml-dsl", "org.apache.camel.quarkus:camel-quarkus-direct",
                                    "org.apache.camel.quarkus:camel-quarkus-http", "org.apache.camel.quarkus:camel-quarkus-jackson",
                                    "org.apache.camel.quarkus:camel-quarkus-log"),
                            List.of("io.quarkus:quarkus-maven-plugin:" + QUARKUS + ":build"))
                    .file("src/main/java/com/example/orders/OrdersOnStart.java", ORDERS_ON_START)
                    .file("src/main/resources/application.properties", LibraryInCamelMainIT.providerBlock(api))
                    .file("src/main/resources/camel/orders.camel.yaml", LibraryInCamelMainIT.ordersFlow("direct:orders"));
            app.build("package");

            LibraryInCamelMainIT.assertNothingTheHostChooses(app.dependencyTree());
            app.startJar("target/quarkus-app/quarkus-run.jar");
            assertThat(app.awaitWhileRunning(authenticated, 3)).as("an authenticated call; the app said:%n%s", app.log()).isTrue();
            assertThat(api.requests("/oauth2/token")).isEqualTo(1);
            assertThat(api.requests("/api/orders")).isEqualTo(1);
            assertThat(app.log()).as("Quarkus's log")
                    .doesNotContain(LibraryInCamelMainIT.CLIENT_SECRET).doesNotContain(LibraryInCamelMainIT.TOKEN);
        }
    }

    /**
     * The flow once Camel has started, from a CDI observer of Camel's started event (Camel Quarkus passes
     * Camel's events to CDI), as camel-quarkus-timer 3.33.1 does not resolve from the repository these builds use.
     */
    static final String ORDERS_ON_START = """
            package com.example.orders;

            import jakarta.enterprise.context.ApplicationScoped;
            import jakarta.enterprise.event.Observes;
            import org.apache.camel.ProducerTemplate;
            import org.apache.camel.impl.event.CamelContextStartedEvent;

            @ApplicationScoped
            public class OrdersOnStart {

                void fetchOrders(@Observes CamelContextStartedEvent started, ProducerTemplate template) {
                    template.sendBody("direct:orders", null);
                }
            }
            """;
}
