package io.authroutes.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.authroutes.auth.CredentialsRejectedException;
import io.authroutes.testing.CapturedLog;
import io.authroutes.testing.FakeApi;
import io.authroutes.testing.FakeApi.Reply;
import io.authroutes.testing.MutableClock;
import io.authroutes.testing.TestSetup;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Produce;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.model.Model;
import org.apache.camel.model.RoutesDefinition;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.Configure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * README "Adding a provider": a scheme unlike the four (an API key sent in a header, exchanged for a
 * session key nested in the answer, a custom header, an absolute epoch expiry) added with routes/examples/parcelhub.camel.yaml
 * and a properties block only.
 */
@CamelMainTest(propertyPlaceholderLocations = "file:application.properties", properties = {
        "sandbox.enabled=false", "hawtio.enabled=false", "camel.management.enabled=false",
        "camel.main.routes-include-pattern=file:routes/auth/*.camel.yaml,file:routes/examples/parcelhub.camel.yaml",
        "providers.parcels.kind=parcelhub",
        "providers.parcels.apiKey=pk-live-7f3a9c21e5"})
class AddedProviderTest {

    private static final String API_KEY = "pk-live-7f3a9c21e5";
    private static final MutableClock CLOCK = MutableClock.at("2026-11-22T10:00:00Z");
    private static final Set<String> SESSIONS = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean KEY_REVOKED = new AtomicBoolean();
    private static volatile long sessionEnds;

    private static final FakeApi API = new FakeApi()
            .on("/v2/sessions", request -> {
                if (KEY_REVOKED.get() || !request.header("X-Api-Key").equals(API_KEY)) {
                    return new Reply(401, "{\"error\": {\"code\": \"unknown_key\", \"message\": \"No such API key\"}}");
                }
                String key = "sk-" + UUID.randomUUID();
                SESSIONS.add(key);
                sessionEnds = CLOCK.instant().plusSeconds(600).getEpochSecond();
                return new Reply(201, "{\"data\": {\"session\": {\"key\": \"" + key + "\", \"expiresAt\": " + sessionEnds + "}}}");
            })
            .on("/v2/parcels", request -> SESSIONS.contains(request.header("X-Session-Key"))
                    && CLOCK.instant().getEpochSecond() < sessionEnds
                    ? new Reply(200, "{\"parcels\": [{\"id\": \"PH-1001\", \"status\": \"in_transit\"}]}")
                    : new Reply(419, "{\"error\": {\"code\": \"session_expired\"}}"));

    @Produce
    ProducerTemplate template;
    @BeanInject
    CamelContext context;
    private CapturedLog log;

    @Configure
    protected void configure(MainConfigurationProperties configuration) {
        configuration.addRoutesBuilder(new TestSetup(CLOCK, Map.of("providers.parcels.baseUrl", API.url("/v2"))));
    }

    @BeforeEach
    void startLog() {
        log = CapturedLog.capture();
    }

    @AfterEach
    void noSecretInLog() {
        log.close();
        assertThat(log.text()).doesNotContain(API_KEY);
        SESSIONS.forEach(session -> assertThat(log.text()).doesNotContain(session));
        SESSIONS.clear();
        KEY_REVOKED.set(false);
    }

    @AfterAll
    static void stopApi() {
        API.close();
    }

    private Exchange parcels() {
        return template.send("direct:parcels", e -> {
            e.getMessage().setHeader(Exchange.HTTP_METHOD, "GET");
            e.getMessage().setHeader(Exchange.HTTP_PATH, "parcels");
            e.getMessage().setHeader("X-Session-Key", "forged-by-caller");
        });
    }

    @Test
    void callWhenNoSessionThenOneIsCreatedAndItsKeySentInTheCustomHeader() {
        int before = API.requests("/v2/sessions");

        Exchange first = parcels();
        Exchange second = parcels();

        assertThat(first.getException()).isNull();
        assertThat(first.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)).isEqualTo(200);
        assertThat(second.getMessage().getBody(String.class)).contains("PH-1001");
        assertThat(second.getMessage().getHeader("X-Session-Key")).isNull();
        assertThat(API.requests("/v2/sessions") - before).isEqualTo(1);
    }

    @Test
    void sessionRequestCarriesTheApiKeyInItsHeaderWhileNoRouteDefinitionHoldsIt() throws Exception {
        parcels();

        assertThat(API.requests("/v2/sessions")).isPositive();
        RoutesDefinition all = new RoutesDefinition();
        all.setRoutes(context.getCamelContextExtension().getContextPlugin(Model.class).getRouteDefinitions());
        // placeholders resolved: even the most revealing dump holds the key's name only
        String routes = PluginHelper.getModelToXMLDumper(context).dumpModelAsXml(context, all, true, false, false);
        assertThat(routes).contains("X-Api-Key").doesNotContain(API_KEY);
    }

    @Test
    void callWhenSessionAboutToExpireThenANewOneIsCreatedBeforeItDoes() {
        parcels();
        int before = API.requests("/v2/sessions");
        int rejectedBefore = API.requests("/v2/parcels");

        CLOCK.advance(Duration.ofSeconds(560));
        Exchange insideSkew = parcels();

        assertThat(insideSkew.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)).isEqualTo(200);
        await().until(() -> API.requests("/v2/sessions") - before == 1);
        CLOCK.advance(Duration.ofSeconds(60));
        assertThat(parcels().getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)).isEqualTo(200);
        assertThat(API.requests("/v2/parcels") - rejectedBefore).isEqualTo(2);
    }

    @Test
    void callWhenServerDropsTheSessionThenOne419IsHealedByOneNewSession() {
        parcels();
        int before = API.requests("/v2/sessions");
        SESSIONS.clear();

        Exchange healed = parcels();

        assertThat(healed.getException()).isNull();
        assertThat(healed.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)).isEqualTo(200);
        assertThat(API.requests("/v2/sessions") - before).isEqualTo(1);
    }

    @Test
    void callWhenApiKeyRefusedThenFailsNamingThePropertyToFix() {
        parcels();
        SESSIONS.clear();
        KEY_REVOKED.set(true);

        Exchange failed = parcels();

        assertThat(failed.getException()).isInstanceOf(CredentialsRejectedException.class)
                .hasMessageContaining("parcels").hasMessageContaining("HTTP 401")
                .hasMessageContaining("unknown_key: No such API key")
                .hasMessageContaining("providers.parcels.apiKey").hasMessageNotContaining(API_KEY);
    }
}
