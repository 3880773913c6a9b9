package io.authroutes.auth.camel;

import static org.assertj.core.api.Assertions.assertThat;

import io.authroutes.testing.FakeApi;
import io.authroutes.testing.FakeApi.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.main.Main;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.service.ServiceHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Camel's route reload on the flows directory, with its default of removing every route first: the edited
 * flow comes back, and so do the provider routes it calls, with the provider's token kept.
 */
class FlowReloadTest {

    static final String KEY = "ak-reload-3d9e";

    @TempDir
    Path flows;

    @Test
    void flowEditedWhileRunningThenReloadedAndItsCallsStillAuthenticated() throws Exception {
        try (FakeApi api = new FakeApi()) {
            api.on("/api/v1/orders", request -> new Reply(request.header("X-Api-Key").equals(KEY) ? 200 : 401, "{}"));
            api.on("/api/v2/orders", request -> new Reply(request.header("X-Api-Key").equals(KEY) ? 200 : 401, "{}"));
            Path flow = flows.resolve("orders.camel.yaml");
            Files.writeString(flow, flow("/v1/orders"));
            Main main = new Main();
            main.addOverrideProperty("camel.main.name", "reload");
            main.addOverrideProperty("camel.main.routes-include-pattern", "file:" + flows + "/*.camel.yaml");
            main.addOverrideProperty("camel.main.routes-reload-enabled", "true");
            main.addOverrideProperty("camel.main.routes-reload-directory", flows.toString());
            main.addOverrideProperty("camel.main.routes-reload-pattern", "*.camel.yaml");
            // a call with no consumer at direct:acme fails in 2 s rather than Camel's 30
            main.addOverrideProperty("camel.component.direct.timeout", "2000");
            main.addOverrideProperty("providers.acme.kind", "api-key");
            main.addOverrideProperty("providers.acme.baseUrl", api.url("/api"));
            main.addOverrideProperty("providers.acme.apiKey", KEY);
            main.start();
            try {
                CamelContext context = main.getCamelContext();
                assertThat(call(context)).isEqualTo(200);

                CountDownLatch reloaded = new CountDownLatch(1);
                EventNotifierSupport notifier = new EventNotifierSupport() {
                    @Override
                    public void notify(CamelEvent event) {
                        if (event instanceof CamelEvent.RouteReloadedEvent) {
                            reloaded.countDown();
                        }
                    }
                };
                context.getManagementStrategy().addEventNotifier(notifier);
                ServiceHelper.startService(notifier);
                // saved as editors do, by renaming a new file over the old one: a single change for the watcher,
                // where writing in place may be seen as two (truncated, then written) and reload twice
                Path edited = Files.writeString(flows.resolve("orders.yaml.new"), flow("/v2/orders"));
                Files.move(edited, flow, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                assertThat(reloaded.await(60, TimeUnit.SECONDS)).as("the flow was reloaded").isTrue();

                assertThat(call(context)).isEqualTo(200);
                assertThat(api.requests("/api/v2/orders")).as("the edited flow, authenticated").isEqualTo(1);
                assertThat(context.getRoute("acme")).as("the provider route").isNotNull();
            } finally {
                main.stop();
            }
        }
    }

    private static int call(CamelContext context) {
        Exchange exchange = context.createProducerTemplate().request("direct:orders", e -> { });
        assertThat(exchange.getException()).as("the call's failure").isNull();
        return exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
    }

    private static String flow(String path) {
        return """
                - route:
                    id: orders
                    from:
                      uri: direct:orders
                      steps:
                        - setHeader:
                            name: CamelHttpMethod
                            constant: GET
                        - setHeader:
                            name: CamelHttpPath
                            constant: %s
                        - to: direct:acme
                """.formatted(path);
    }
}
