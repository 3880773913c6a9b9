package io.authroutes.library;

import static org.assertj.core.api.Assertions.assertThat;

import io.authroutes.testing.FakeApi;
import io.authroutes.testing.FakeApi.Reply;
import io.authroutes.testing.ScratchApp;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * A user's own Spring Boot 3 Camel app, outside this repository: camel-spring-boot's starters, the
 * authroutes-camel artifact, a YAML flow calling direct:acme and a providers block in application.properties.
 * Nothing else is wired: the library is found by Camel itself, and checks the block as under Camel Main.
 */
class LibraryInSpringBootIT {

    static final String KEY = "ak-orders-52c0";

    @Test
    void providerBlockAndFlowOnlyThenTheCallArrivesAuthenticated() throws Exception {
        CountDownLatch authenticated = new CountDownLatch(1);
        try (FakeApi api = new FakeApi(); ScratchApp app = ScratchApp.create("spring-boot")) {
            api.on("/api/orders", request -> {
                if (!request.header("X-Api-Key").equals(KEY)) {
                    return new Reply(401, "{}");
                }
                authenticated.countDown();
                return new Reply(200, "{\"orders\":[]}");
            });
            springBootApp(app, """
                    providers.acme.kind = api-key
                    providers.acme.baseUrl = %s
                    providers.acme.apiKey = %s
                    """.formatted(api.url("/api"), KEY));
            app.build();

            assertThat(app.dependencyTree()).doesNotContainIgnoringCase("hawtio").doesNotContainIgnoringCase("jetty");
            app.start("com.example.orders.OrdersApplication");
            assertThat(app.awaitWhileRunning(authenticated, 3)).as("an authenticated call; the app said:%n%s", app.log()).isTrue();
        }
    }

    @Test
    void providerKeyIsMisspeltThenTheStartIsRefusedNamingIt() throws Exception {
        try (ScratchApp app = ScratchApp.create("spring-boot")) {
            // Spring's properties reach Camel by lookup only: the key is found by listing Spring's environment
            springBootApp(app, """
                    providers.acme.kind = api-key
                    providers.acme.baseUrl = http://127.0.0.1:9/api
                    providers.acme.apiKey = %s
                    providers.acme.heder = X-Orders-Key
                    """.formatted(KEY));
            app.build();

            app.start("com.example.orders.OrdersApplication");
            assertThat(app.exitCode(3)).as("the app stops by itself, failed; it said:%n%s", app.log()).isPresent()
                    .isNotEqualTo(OptionalInt.of(0));
            assertThat(app.log()).contains("acme: providers.acme.heder is not an option of this provider; did you mean header?")
                    .doesNotContain(KEY);
        }
    }

    /** camel-spring-boot's starters, the library, a Boot application class, the flow and {@code providers}. */
    private static void springBootApp(ScratchApp app, String providers) throws Exception {
        app.pom(List.of("org.apache.camel.springboot:camel-spring-boot-bom:4.18.0",
                                "org.springframework.boot:spring-boot-dependencies:3.5.7"),
                        List.of("org.apache.camel.springboot:camel-spring-boot-starter",
                                "org.apache.camel.springboot:camel-yaml-dsl-starter",
                                "org.apache.camel.springboot:camel-timer-starter"))
                .file("src/main/java/com/example/orders/OrdersApplication.java", """
                        package com.example.orders;

                        import org.springframework.boot.SpringApplication;
                        import org.springframework.boot.autoconfigure.SpringBootApplication;

                        @SpringBootApplication
                        public class OrdersApplication {
                            public static void main(String[] args) {
                                SpringApplication.run(OrdersApplication.class, args);
                            }
                        }
                        """)
                .file("src/main/resources/application.properties", """
                        camel.main.name = orders
                        camel.main.run-controller = true
                        """ + providers)
                .file("src/main/resources/camel/orders.camel.yaml", LibraryInCamelMainIT.ORDERS_FLOW);
    }
}
