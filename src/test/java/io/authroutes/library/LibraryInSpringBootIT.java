package io.authroutes.library;

import static org.assertj.core.api.Assertions.assertThat;

import io.authroutes.testing.FakeApi;
import io.authroutes.testing.FakeApi.Reply;
import io.authroutes.testing.ScratchApp;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A user's own Spring Boot 3 Camel app, outside this repository: camel-spring-boot's starters, the
 * authroutes-camel artifact, a YAML flow calling direct:acme and a providers block in application.properties.
 * Nothing else is wired: the library is found by Camel itself.
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
            app.file("pom.xml", pom())
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
                            camel.springboot.name = orders
                            camel.springboot.main-run-controller = true
                            providers.acme.kind = api-key
                            providers.acme.baseUrl = %s
                            providers.acme.apiKey = %s
                            """.formatted(api.url("/api"), KEY))
                    .file("src/main/resources/camel/orders.camel.yaml", LibraryInCamelMainIT.ORDERS_FLOW);
            app.build();

            assertThat(app.dependencyTree()).doesNotContainIgnoringCase("hawtio").doesNotContainIgnoringCase("jetty");
            app.start("com.example.orders.OrdersApplication");
            assertThat(authenticated.await(3, TimeUnit.MINUTES)).as("an authenticated call; the app said:%n%s", app.log()).isTrue();
        }
    }

    private static String pom() {
        return """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.example</groupId>
                  <artifactId>orders</artifactId>
                  <version>1.0</version>
                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                  <dependencyManagement>
                    <dependencies>
                      <dependency>
                        <groupId>org.apache.camel.springboot</groupId>
                        <artifactId>camel-spring-boot-bom</artifactId>
                        <version>4.18.0</version>
                        <type>pom</type>
                        <scope>import</scope>
                      </dependency>
                      <dependency>
                        <groupId>org.springframework.boot</groupId>
                        <artifactId>spring-boot-dependencies</artifactId>
                        <version>3.5.7</version>
                        <type>pom</type>
                        <scope>import</scope>
                      </dependency>
                    </dependencies>
                  </dependencyManagement>
                  <dependencies>
                    <dependency>
                      <groupId>org.apache.camel.springboot</groupId>
                      <artifactId>camel-spring-boot-starter</artifactId>
                    </dependency>
                    <dependency>
                      <groupId>org.apache.camel.springboot</groupId>
                      <artifactId>camel-yaml-dsl-starter</artifactId>
                    </dependency>
                    <dependency>
                      <groupId>org.apache.camel.springboot</groupId>
                      <artifactId>camel-timer-starter</artifactId>
                    </dependency>
                    <dependency>
                      <groupId>io.authroutes</groupId>
                      <artifactId>authroutes-camel</artifactId>
                      <version>%s</version>
                    </dependency>
                  </dependencies>
                %s
                </project>
                """.formatted(ScratchApp.libraryVersion(), ScratchApp.PINNED_PLUGINS);
    }
}
