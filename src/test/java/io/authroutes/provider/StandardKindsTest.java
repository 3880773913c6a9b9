package io.authroutes.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.authroutes.testing.CapturedLog;
import io.authroutes.testing.FakeApi;
import io.authroutes.testing.FakeApi.Reply;
import io.authroutes.testing.MutableClock;
import io.authroutes.testing.TestSetup;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.Produce;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.Configure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Providers of the generic kinds configured with properties only, no YAML of their own: an OAuth2
 * client credentials provider with each client authentication method of RFC 6749 section 2.3.1, and
 * an API key sent in a header and in the query.
 */
@CamelMainTest(propertyPlaceholderLocations = "file:application.properties", properties = {
        "sandbox.enabled=false", "hawtio.enabled=false", "camel.management.enabled=false",
        "camel.main.routes-include-pattern=file:routes/auth/*.camel.yaml",
        "providers.post.kind=oauth2-client-credentials", "providers.post.clientId=app one",
        "providers.post.clientSecret=cs-post-91f3", "providers.post.scope=orders:read", "providers.post.audience=https://api.example",
        "providers.basic.kind=oauth2-client-credentials", "providers.basic.clientAuth=client_secret_basic",
        "providers.basic.clientId=app:two", "providers.basic.clientSecret=cs-basic-&42",
        "providers.inheader.kind=api-key", "providers.inheader.apiKey=ak-header-5c1d",
        "providers.inquery.kind=api-key", "providers.inquery.queryParameter=api_key", "providers.inquery.apiKey=ak-query-77e0"})
class StandardKindsTest {

    private static final MutableClock CLOCK = MutableClock.at("2026-11-22T10:00:00Z");
    private static final Queue<FakeApi.Request> TOKEN_REQUESTS = new ConcurrentLinkedQueue<>();
    private static final Queue<FakeApi.Request> CALLS = new ConcurrentLinkedQueue<>();

    private static final FakeApi API = new FakeApi()
            .on("/oauth2/token", request -> {
                TOKEN_REQUESTS.add(request);
                return new Reply(200, "{\"access_token\": \"at-" + TOKEN_REQUESTS.size() + "\", \"token_type\": \"Bearer\", \"expires_in\": 300}");
            })
            .on("/api", request -> {
                CALLS.add(request);
                return new Reply(200, "{\"items\": []}");
            });

    @Produce
    ProducerTemplate template;
    private CapturedLog log;

    @Configure
    protected void configure(MainConfigurationProperties configuration) {
        configuration.addRoutesBuilder(new TestSetup(CLOCK, Map.of(
                "providers.post.baseUrl", API.url("/api"), "providers.post.tokenUrl", API.url("/oauth2/token"),
                "providers.basic.baseUrl", API.url("/api"), "providers.basic.tokenUrl", API.url("/oauth2/token"),
                "providers.inheader.baseUrl", API.url("/api"), "providers.inquery.baseUrl", API.url("/api"))));
    }

    @BeforeEach
    void startLog() {
        TOKEN_REQUESTS.clear();
        CALLS.clear();
        log = CapturedLog.capture();
    }

    @AfterEach
    void noSecretInLog() {
        log.close();
        assertThat(log.text()).doesNotContain("cs-post-91f3", "cs-basic-&42", "ak-header-5c1d", "ak-query-77e0");
    }

    @AfterAll
    static void stopApi() {
        API.close();
    }

    private Exchange call(String provider) {
        return template.send("direct:" + provider, e -> {
            e.getMessage().setHeader(Exchange.HTTP_METHOD, "GET");
            e.getMessage().setHeader(Exchange.HTTP_PATH, "orders");
        });
    }

    private static Map<String, String> form(String body) {
        return Arrays.stream(body.split("&")).map(pair -> pair.split("=", 2)).collect(Collectors.toMap(
                p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8), p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    }

    @Test
    void clientSecretPostWhenConfiguredByPropertiesThenTheFormCarriesClientScopeAndAudience() {
        Exchange answered = call("post");

        assertThat(answered.getException()).isNull();
        FakeApi.Request token = TOKEN_REQUESTS.remove();
        assertThat(token.header("Authorization")).isEmpty();
        assertThat(form(token.body())).containsExactlyInAnyOrderEntriesOf(Map.of("grant_type", "client_credentials",
                "client_id", "app one", "client_secret", "cs-post-91f3", "scope", "orders:read", "audience", "https://api.example"));
        assertThat(CALLS.remove().header("Authorization")).isEqualTo("Bearer at-1");
    }

    @Test
    void clientSecretBasicWhenConfiguredByPropertiesThenCredentialsAreFormEncodedInBasicAndAbsentFromTheBody() {
        Exchange answered = call("basic");

        assertThat(answered.getException()).isNull();
        FakeApi.Request token = TOKEN_REQUESTS.remove();
        // RFC 6749 section 2.3.1: id and secret are application/x-www-form-urlencoded, then joined for Basic
        String pair = new String(Base64.getDecoder().decode(token.header("Authorization").substring("Basic ".length())), StandardCharsets.UTF_8);
        assertThat(pair).isEqualTo("app%3Atwo:cs-basic-%2642");
        assertThat(form(token.body())).containsExactlyEntriesOf(Map.of("grant_type", "client_credentials"));
        assertThat(CALLS.remove().header("Authorization")).startsWith("Bearer at-");
    }

    @Test
    void apiKeyWhenSentInAHeaderThenEveryCallCarriesItAndNoTokenEndpointIsAsked() {
        call("inheader");
        call("inheader");

        assertThat(CALLS).hasSize(2).allSatisfy(c -> {
            assertThat(c.header("X-Api-Key")).isEqualTo("ak-header-5c1d");
            assertThat(c.query()).isNull();
        });
        assertThat(TOKEN_REQUESTS).isEmpty();
    }

    @Test
    void apiKeyWhenSentInTheQueryThenItIsAppendedToTheCallsOwnQueryAndNoHeaderCarriesIt() {
        template.send("direct:inquery", e -> {
            e.getMessage().setHeader(Exchange.HTTP_METHOD, "GET");
            e.getMessage().setHeader(Exchange.HTTP_PATH, "orders");
            e.getMessage().setHeader(Exchange.HTTP_QUERY, "page=2");
        });

        FakeApi.Request sent = CALLS.remove();
        assertThat(sent.query()).isEqualTo("page=2&api_key=ak-query-77e0");
        assertThat(sent.header("X-Api-Key")).isEmpty();
        assertThat(sent.header("Authorization")).isEmpty();
    }
}
