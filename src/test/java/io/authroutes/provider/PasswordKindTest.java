package io.authroutes.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.authroutes.auth.ProviderAuth;
import io.authroutes.auth.Token;
import io.authroutes.auth.camel.AuthroutesComponent;
import io.authroutes.testing.CapturedLog;
import io.authroutes.testing.FakeApi;
import io.authroutes.testing.FakeApi.Reply;
import io.authroutes.testing.MutableClock;
import io.authroutes.testing.TestSetup;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
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
 * An OAuth2 resource owner password provider (RFC 6749 section 4.3) with refresh tokens (section 6),
 * configured with properties only, against a local token endpoint that rotates refresh tokens and
 * accepts each one once.
 */
@CamelMainTest(propertyPlaceholderLocations = "file:application.properties", properties = {
        "sandbox.enabled=false", "hawtio.enabled=false", "camel.management.enabled=false",
        "camel.main.routes-include-pattern=file:routes/auth/*.camel.yaml",
        "providers.pw.kind=oauth2-password", "providers.pw.username=clerk@shop", "providers.pw.password=pw-secret-3e9a",
        "providers.pw.clientId=shop-app", "providers.pw.clientSecret=cs-pw-50d1", "providers.pw.scope=orders offline_access",
        "providers.pwbasic.kind=oauth2-password", "providers.pwbasic.clientAuth=client_secret_basic",
        "providers.pwbasic.username=clerk@shop", "providers.pwbasic.password=pw-secret-3e9a",
        "providers.pwbasic.clientId=shop-app", "providers.pwbasic.clientSecret=cs-pw-50d1"})
class PasswordKindTest {

    private static final MutableClock CLOCK = MutableClock.at("2026-11-22T10:00:00Z");
    /** Ten minutes: the renewal window opens a minute before the end (ExpiryPolicy). */
    private static final int LIFETIME_SECONDS = 600;
    private static final Queue<Map<String, String>> TOKEN_FORMS = new ConcurrentLinkedQueue<>();
    private static final Queue<FakeApi.Request> BASIC_TOKEN_REQUESTS = new ConcurrentLinkedQueue<>();
    private static final Queue<FakeApi.Request> CALLS = new ConcurrentLinkedQueue<>();
    private static final Set<String> LIVE_REFRESH_TOKENS = ConcurrentHashMap.newKeySet();
    private static final Set<String> ISSUED = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger ISSUES = new AtomicInteger();
    private static final AtomicBoolean REFUSE_REFRESH = new AtomicBoolean();
    private static final AtomicReference<String> LAST_ACCESS_TOKEN = new AtomicReference<>();
    private static final AtomicReference<String> LAST_REFRESH_TOKEN = new AtomicReference<>();

    private static final FakeApi API = new FakeApi()
            .on("/oauth2/token", request -> {
                TOKEN_FORMS.add(form(request.body()));
                return grant(form(request.body()));
            })
            .on("/basic/oauth2/token", request -> {
                BASIC_TOKEN_REQUESTS.add(request);
                return grant(form(request.body()));
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
                "providers.pw.baseUrl", API.url("/api"), "providers.pw.tokenUrl", API.url("/oauth2/token"),
                "providers.pwbasic.baseUrl", API.url("/api"), "providers.pwbasic.tokenUrl", API.url("/basic/oauth2/token"))));
    }

    @BeforeEach
    void start() {
        TOKEN_FORMS.clear();
        BASIC_TOKEN_REQUESTS.clear();
        CALLS.clear();
        LIVE_REFRESH_TOKENS.clear();
        REFUSE_REFRESH.set(false);
        log = CapturedLog.capture();
    }

    @AfterEach
    void noSecretInLog() {
        log.close();
        assertThat(log.text()).doesNotContain("pw-secret-3e9a", "cs-pw-50d1");
        ISSUED.forEach(secret -> assertThat(log.text()).doesNotContain(secret));
    }

    @AfterAll
    static void stopApi() {
        API.close();
    }

    private static Reply grant(Map<String, String> form) {
        if (form.get("grant_type").equals("refresh_token")
                && (REFUSE_REFRESH.get() || !LIVE_REFRESH_TOKENS.remove(form.get("refresh_token")))) {
            // RFC 6749 section 5.2: an invalid, expired or revoked refresh token
            return new Reply(400, "{\"error\": \"invalid_grant\"}");
        }
        return issue();
    }

    private static Reply issue() {
        int n = ISSUES.incrementAndGet();
        String access = "at-" + n + "-c0ffee";
        String refresh = "rt-" + n + "-beef42";
        ISSUED.addAll(List.of(access, refresh));
        LIVE_REFRESH_TOKENS.add(refresh);
        LAST_ACCESS_TOKEN.set(access);
        LAST_REFRESH_TOKEN.set(refresh);
        return new Reply(200, "{\"access_token\": \"" + access + "\", \"token_type\": \"Bearer\", \"expires_in\": "
                + LIFETIME_SECONDS + ", \"refresh_token\": \"" + refresh + "\"}");
    }

    private static Map<String, String> form(String body) {
        return Arrays.stream(body.split("&")).map(pair -> pair.split("=", 2)).collect(Collectors.toMap(
                p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8), p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    }

    private Exchange call() {
        return call("pw");
    }

    private Exchange call(String provider) {
        return template.send("direct:" + provider, e -> {
            e.getMessage().setHeader(Exchange.HTTP_METHOD, "GET");
            e.getMessage().setHeader(Exchange.HTTP_PATH, "orders");
        });
    }

    private ProviderAuth auth() {
        return AuthroutesComponent.of(template.getCamelContext()).provider("pw");
    }

    private void renewNow() {
        auth().renewNow();
    }

    private static void intoRenewalWindow() {
        CLOCK.advance(Duration.ofSeconds(LIFETIME_SECONDS).minusSeconds(30));
    }

    @Test
    void loginWhenConfiguredByPropertiesThenThePasswordGrantFormCarriesUserClientAndScope() {
        Exchange answered = call();

        assertThat(answered.getException()).isNull();
        assertThat(TOKEN_FORMS.remove()).containsExactlyInAnyOrderEntriesOf(Map.of("grant_type", "password",
                "username", "clerk@shop", "password", "pw-secret-3e9a", "client_id", "shop-app",
                "client_secret", "cs-pw-50d1", "scope", "orders offline_access"));
        assertThat(TOKEN_FORMS).isEmpty();
        assertThat(CALLS.remove().header("Authorization")).isEqualTo("Bearer " + LAST_ACCESS_TOKEN.get());
    }

    @Test
    void renewalWhenTheTokenIsInItsRenewalWindowThenARefreshGrantCarriesTheRefreshTokenAndNoPassword() {
        call();
        assertThat(TOKEN_FORMS.remove()).containsEntry("grant_type", "password");
        String refreshToken = LAST_REFRESH_TOKEN.get();
        intoRenewalWindow();

        assertThat(call().getException()).isNull();

        await().until(() -> !TOKEN_FORMS.isEmpty());
        // RFC 6749 section 6: a confidential client authenticates its refresh request too
        assertThat(TOKEN_FORMS.remove()).containsExactlyInAnyOrderEntriesOf(Map.of("grant_type", "refresh_token",
                "refresh_token", refreshToken, "client_id", "shop-app", "client_secret", "cs-pw-50d1"));
        await().until(() -> auth().current().map(Token::value).orElse("").equals(LAST_ACCESS_TOKEN.get()));
        call();
        assertThat(CALLS).last().extracting(c -> c.header("Authorization")).isEqualTo("Bearer " + LAST_ACCESS_TOKEN.get());
    }

    @Test
    void renewalWhenTheRefreshTokenRotatesThenTheNextRefreshSendsTheNewOne() {
        call();
        TOKEN_FORMS.remove();
        String first = LAST_REFRESH_TOKEN.get();
        intoRenewalWindow();
        renewNow();
        String rotated = LAST_REFRESH_TOKEN.get();
        intoRenewalWindow();
        renewNow();

        // the server accepts each refresh token once: sending the first again would be refused
        assertThat(TOKEN_FORMS).extracting(f -> f.get("grant_type") + " " + f.get("refresh_token"))
                .containsExactly("refresh_token " + first, "refresh_token " + rotated);
        assertThat(rotated).isNotEqualTo(first);
        assertThat(call().getException()).isNull();
        assertThat(CALLS).last().extracting(c -> c.header("Authorization")).isEqualTo("Bearer " + LAST_ACCESS_TOKEN.get());
    }

    @Test
    void renewalWhenTheRefreshIsRefusedThenAPasswordLoginInTheSameRenewal() {
        call();
        TOKEN_FORMS.remove();
        REFUSE_REFRESH.set(true);
        intoRenewalWindow();

        renewNow();

        assertThat(TOKEN_FORMS).extracting(f -> f.get("grant_type")).containsExactly("refresh_token", "password");
        assertThat(call().getException()).isNull();
        assertThat(CALLS).last().extracting(c -> c.header("Authorization")).isEqualTo("Bearer " + LAST_ACCESS_TOKEN.get());
    }

    @Test
    void renewalWhenClientSecretBasicThenLoginAndRefreshAuthenticateTheClientWithBasicAndNotInTheForm() {
        call("pwbasic");
        String refreshToken = LAST_REFRESH_TOKEN.get();
        intoRenewalWindow();
        AuthroutesComponent.of(template.getCamelContext()).provider("pwbasic").renewNow();

        // RFC 6749 section 2.3.1: id and secret form-encoded, joined, then Base64
        String basic = "Basic " + Base64.getEncoder().encodeToString("shop-app:cs-pw-50d1".getBytes(StandardCharsets.UTF_8));
        assertThat(BASIC_TOKEN_REQUESTS).extracting(r -> r.header("Authorization")).containsExactly(basic, basic);
        assertThat(BASIC_TOKEN_REQUESTS).extracting(r -> form(r.body())).containsExactly(
                Map.of("grant_type", "password", "username", "clerk@shop", "password", "pw-secret-3e9a"),
                Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
    }
}
