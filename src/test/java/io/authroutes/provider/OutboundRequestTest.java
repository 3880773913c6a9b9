package io.authroutes.provider;

import static io.authroutes.testing.ProviderCalls.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.authroutes.testing.FakeApi;
import io.authroutes.testing.FakeApi.Reply;
import io.authroutes.testing.FakeApi.Request;
import io.authroutes.testing.MutableClock;
import io.authroutes.testing.TestSetup;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Exchange;
import org.apache.camel.Produce;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.Configure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a flow's call sends upstream (design, "Security"): built from an allow-list, always to the
 * provider's baseUrl, with each provider's own headers only. ZONT and Salebasis are local servers
 * that record every request; a third server stands for any other host.
 */
@CamelMainTest(propertyPlaceholderLocations = "file:application.properties", properties = {
        "sandbox.enabled=false", "hawtio.enabled=false", "camel.management.enabled=false",
        "camel.main.routes-include-pattern=file:routes/auth/*.camel.yaml", "providers.zont.client=ops@example.com",
        // credentials of their own: the app sends the sandbox's demo ones to the sandbox only
        "providers.zont.login=ops", "providers.zont.password=zont-pass-5e1",
        "providers.salebasis.login=shop-7", "providers.salebasis.password=sb-pass-7c2"})
class OutboundRequestTest {

    private static final MutableClock CLOCK = MutableClock.at("2026-11-22T10:00:00Z");
    private static final List<Request> DEVICES = new CopyOnWriteArrayList<>();
    private static final List<Request> ORDERS = new CopyOnWriteArrayList<>();

    private static final FakeApi ZONT = new FakeApi()
            .on("/api/get_authtoken", request -> new Reply(200, "{\"ok\": true, \"token\": \"zt-1\"}"))
            .on("/api/devices", request -> {
                DEVICES.add(request);
                return new Reply(200, "{\"ok\": true, \"devices\": []}",
                        Map.of("Set-Cookie", "zsession=z-77; Path=/", "X-ZONT-Debug", "shard-7"));
            });
    private static final FakeApi SALEBASIS = new FakeApi()
            .on("/login", request -> new Reply(200, "{\"token\": \"sb-1\", \"validTo\": \"2026-11-23 10:00:00\"}"))
            .on("/orders", request -> {
                ORDERS.add(request);
                return new Reply(200, "{\"orders\": []}");
            });
    private static final FakeApi ELSEWHERE = new FakeApi().on("/", request -> new Reply(200, "{}"));

    @Produce
    ProducerTemplate template;

    @Configure
    protected void configure(MainConfigurationProperties configuration) {
        configuration.addRoutesBuilder(new TestSetup(CLOCK, Map.of(
                "providers.zont.baseUrl", ZONT.url("/api"), "providers.salebasis.baseUrl", SALEBASIS.url(""))));
        configuration.addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                // a flow that calls ZONT, then Salebasis, on the same exchange
                from("direct:devices-then-orders").routeId("devices-then-orders")
                        .to("direct:zont")
                        .setHeader(Exchange.HTTP_METHOD, constant("GET")).setHeader(Exchange.HTTP_PATH, constant("orders"))
                        .setBody(constant(null))
                        .to("direct:salebasis");
            }
        });
    }

    @BeforeEach
    void clear() {
        DEVICES.clear();
        ORDERS.clear();
    }

    @AfterAll
    static void stop() {
        ZONT.close();
        SALEBASIS.close();
        ELSEWHERE.close();
    }

    private Exchange send(String endpoint, Map<String, Object> headers) {
        return template.send(endpoint, e -> {
            e.getMessage().setHeader(Exchange.HTTP_METHOD, "POST");
            e.getMessage().setHeader(Exchange.HTTP_PATH, "devices");
            e.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
            e.getMessage().setHeader("X-Flow-Tag", "nightly");
            headers.forEach(e.getMessage()::setHeader);
            e.getMessage().setBody("{\"load_io\": true}");
        });
    }

    @Test
    void aNullHeaderFromTheFlowIsSkipped() {
        Map<String, Object> headers = new HashMap<>();
        headers.put("X-Trace-Id", null);

        assertThat(status(send("direct:zont", headers))).isEqualTo(200);

        assertThat(DEVICES).singleElement().satisfies(request -> {
            assertThat(request.headers()).doesNotContainKey("x-trace-id");
            assertThat(request.header("X-Flow-Tag")).isEqualTo("nightly");
            assertThat(request.body()).isEqualTo("{\"load_io\": true}");
        });
    }

    @Test
    void aCamelRestHttpUriHeaderNeverRedirectsACall() {
        String other = ELSEWHERE.url("/collect");
        Exchange answer = send("direct:zont", Map.of("CamelRestHttpUri", other, "CamelHttpUri", other,
                "CamelHttpUrl", other, "CamelHttpBaseUri", other, "CamelRestHttpQuery", "steal=1", "CamelHttpRawQuery", "steal=1"));

        assertThat(status(answer)).isEqualTo(200);
        assertThat(ELSEWHERE.requests("/")).isZero();
        assertThat(DEVICES).singleElement().satisfies(request -> {
            assertThat(request.path()).isEqualTo("/api/devices");
            assertThat(request.query()).isNull();
            assertThat(request.header("X-ZONT-Token")).isEqualTo("zt-1");
        });
    }

    @Test
    void aProviderHeaderIsSentToItsProviderButNeverLeftOnTheFlowsMessage() {
        Exchange answer = send("direct:zont", Map.of());

        assertThat(DEVICES).singleElement().satisfies(request -> assertThat(request.header("X-ZONT-Client")).isEqualTo("ops@example.com"));
        assertThat(answer.getMessage().getHeaders()).doesNotContainKeys("X-ZONT-Client", "X-ZONT-Token");
    }

    @Test
    void anUpstreamsResponseHeadersAreReturnedToTheFlow() {
        Exchange answer = send("direct:zont", Map.of());

        assertThat(answer.getMessage().getHeader("Set-Cookie", String.class)).isEqualTo("zsession=z-77; Path=/");
        assertThat(answer.getMessage().getHeader("X-ZONT-Debug", String.class)).isEqualTo("shard-7");
        assertThat(answer.getMessage().getHeader("X-Flow-Tag", String.class)).isEqualTo("nightly");
    }

    @Test
    void aSecondProviderNeverSeesTheFirstOnesHeaders() {
        Exchange answer = send("direct:devices-then-orders", Map.of("CamelRestHttpUri", ELSEWHERE.url("/collect")));

        assertThat(status(answer)).isEqualTo(200);
        assertThat(DEVICES).singleElement().satisfies(request -> assertThat(request.header("X-ZONT-Client")).isEqualTo("ops@example.com"));
        assertThat(ORDERS).singleElement().satisfies(request -> {
            assertThat(request.headers()).doesNotContainKeys("x-zont-client", "x-zont-token", "set-cookie", "cookie", "x-zont-debug");
            assertThat(request.header("X-Auth-Bearer")).isEqualTo("sb-1");
            assertThat(request.header("X-Flow-Tag")).isEqualTo("nightly");
        });
        assertThat(ELSEWHERE.requests("/")).isZero();
    }

    @Test
    void aHeaderTheFlowSetsAgainAfterACallIsItsOwnAndIsSent() {
        Exchange answer = send("direct:zont", Map.of());
        answer.getMessage().setHeader("X-ZONT-Debug", "set-by-the-flow");
        answer.getMessage().setHeader(Exchange.HTTP_METHOD, "GET");
        answer.getMessage().setHeader(Exchange.HTTP_PATH, "orders");

        assertThat(status(template.send("direct:salebasis", answer))).isEqualTo(200);

        assertThat(ORDERS).singleElement().satisfies(request -> {
            assertThat(request.header("X-ZONT-Debug")).isEqualTo("set-by-the-flow");
            assertThat(request.headers()).doesNotContainKey("set-cookie");
        });
    }

    @Test
    void anIncomingCredentialInAnyCaseIsDroppedAndNeverForwarded() {
        Exchange answer = send("direct:zont", Map.of("authorization", "Basic c3RvbGVuOnNlY3JldA==",
                "PROXY-AUTHORIZATION", "Basic cHJveHk6c2VjcmV0", "x-zont-token", "stolen", "X-AUTH-BEARER", "stolen-too"));

        assertThat(status(answer)).isEqualTo(200);
        assertThat(DEVICES).singleElement().satisfies(request -> {
            assertThat(request.headers()).doesNotContainKeys("authorization", "proxy-authorization", "x-auth-bearer");
            assertThat(request.header("X-ZONT-Token")).isEqualTo("zt-1");
        });
        assertThat(answer.getMessage().getHeaders())
                .doesNotContainKeys("authorization", "PROXY-AUTHORIZATION", "x-zont-token", "X-AUTH-BEARER");
    }

    @Test
    void aMethodWrittenInAnyCaseIsSentAsThatMethodAndTheFlowKeepsItsOwnValue() {
        Exchange answer = send("direct:zont", Map.of(Exchange.HTTP_METHOD, "put"));

        assertThat(status(answer)).isEqualTo(200);
        assertThat(DEVICES).singleElement().satisfies(request -> assertThat(request.method()).isEqualTo("PUT"));
        assertThat(answer.getMessage().getHeader(Exchange.HTTP_METHOD)).isEqualTo("put");
    }
}
