package io.authroutes.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.authroutes.auth.AuthState;
import io.authroutes.auth.CredentialsRejectedException;
import io.authroutes.auth.ProviderAuth;
import io.authroutes.auth.Token;
import io.authroutes.auth.UnusableTokenAnswerException;
import io.authroutes.auth.camel.AuthroutesComponent;
import io.authroutes.testing.CapturedLog;
import io.authroutes.testing.FakeApi;
import io.authroutes.testing.FakeApi.Reply;
import io.authroutes.testing.FakeApi.Request;
import io.authroutes.testing.MutableClock;
import io.authroutes.testing.TestSetup;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Produce;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.logging.log4j.Level;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.Configure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Three session schemes real APIs use, each added with a YAML file in routes/examples and a properties
 * block only, each against a local server that behaves that way, on a fixed clock:
 * <ul>
 * <li>{@code ledger} (kind ledgerly): the session in a response header, its end an HTTP-date in another
 * header, 440 for an ended session, refusals as error codes only;</li>
 * <li>{@code stock} (kind stockroom): a cookie session whose Max-Age is its lifetime, sent back with a
 * second cookie of the same answer;</li>
 * <li>{@code metrix} (kind metrix): the whole body is the token, its lifetime in milliseconds in a header,
 * an ended token told by the body of a 400.</li>
 * </ul>
 * Each server counts logins, calls it rejected and sessions logged out.
 */
@CamelMainTest(propertyPlaceholderLocations = "file:application.properties", properties = {
        "sandbox.enabled=false", "hawtio.enabled=false", "camel.management.enabled=false",
        "camel.main.routes-include-pattern=file:routes/auth/*.camel.yaml,file:routes/examples/*.camel.yaml,file:routes/flows/flow-errors.camel.yaml",
        "providers.ledger.kind=ledgerly", "providers.ledger.username=clerk", "providers.ledger.password=" + SessionSchemesTest.PASSWORD,
        "providers.stock.kind=stockroom", "providers.stock.username=manager", "providers.stock.password=" + SessionSchemesTest.PASSWORD,
        "providers.stock.company=SBODEMO",
        "providers.metrix.kind=metrix", "providers.metrix.login=reader", "providers.metrix.password=" + SessionSchemesTest.PASSWORD})
class SessionSchemesTest {

    static final String PASSWORD = "pw-9d2f7e41";
    private static final MutableClock CLOCK = MutableClock.at("2026-12-04T10:00:00Z");
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    /** What a server answers to a login: as documented, a wrong password, or an expiry nobody can read. */
    enum Mode { NORMAL, WRONG_PASSWORD, UNREADABLE_EXPIRY }

    /** The sessions of one API: which are open, until when, and what reached the server. */
    static final class Sessions {
        final Map<String, Instant> open = new ConcurrentHashMap<>();
        final List<String> issued = new ArrayList<>();
        final Set<String> loggedOut = ConcurrentHashMap.newKeySet();
        final AtomicInteger rejected = new AtomicInteger();
        final AtomicInteger logins = new AtomicInteger();
        volatile Mode mode = Mode.NORMAL;
        volatile Duration lifetime = Duration.ofMinutes(30);
        FakeApi server;

        /** A login the server accepted or refused; a logout on the same path is not one. */
        void login() {
            logins.incrementAndGet();
        }

        synchronized String open(String prefix) {
            String session = prefix + "-" + (issued.size() + 1) + "-" + Long.toHexString(System.nanoTime());
            issued.add(session);
            open.put(session, CLOCK.instant().plus(lifetime));
            return session;
        }

        boolean valid(String session) {
            Instant end = open.get(session);
            return end != null && CLOCK.instant().isBefore(end);
        }

        Reply call(boolean valid, Reply dead) {
            if (valid) {
                return new Reply(200, "{\"rows\": [1, 2, 3]}");
            }
            rejected.incrementAndGet();
            return dead;
        }

        Reply logOut(String session) {
            if (session != null && open.remove(session) != null) {
                loggedOut.add(session);
            }
            return new Reply(204, null);
        }

        int logins() {
            return logins.get();
        }

        synchronized List<String> issued() {
            return List.copyOf(issued);
        }

        void reset() {
            open.clear();
            loggedOut.clear();
            rejected.set(0);
            logins.set(0);
            mode = Mode.NORMAL;
            lifetime = Duration.ofMinutes(30);
        }
    }

    private static final Map<String, Sessions> APIS = Map.of("ledger", ledgerly(), "stock", stockroom(), "metrix", metrix());
    private static final Map<String, String> CALL_PATHS = Map.of("ledger", "entries", "stock", "Items", "metrix", "metrics");

    /** Header session, HTTP-date expiry header, 440 when ended, error codes only. */
    private static Sessions ledgerly() {
        Sessions s = new Sessions();
        s.server = new FakeApi()
                .on("/v3/session", r -> {
                    s.login();
                    if (s.mode == Mode.WRONG_PASSWORD || !r.body().contains("\"password\":\"" + PASSWORD + "\"")) {
                        return new Reply(401, "{\"code\": \"BAD_CREDENTIALS\"}");
                    }
                    String session = s.open("ls");
                    String expires = s.mode == Mode.UNREADABLE_EXPIRY ? "in 30 minutes" : HTTP_DATE.format(s.open.get(session));
                    return new Reply(200, "{\"status\": \"ok\"}", Map.of("X-Session-Token", session, "X-Session-Expires", expires));
                })
                .on("/v3/session/logout", r -> s.logOut(r.header("X-Session-Token")))
                .on("/v3/entries", r -> s.call(s.valid(r.header("X-Session-Token")), new Reply(440, "{\"code\": \"SESSION_EXPIRED\"}")));
        return s;
    }

    /** Cookie session with Max-Age, and a route cookie that must come back with it. */
    private static Sessions stockroom() {
        Sessions s = new Sessions();
        Function<Request, String> session = r -> cookie(r, "SESSIONID");
        s.server = new FakeApi()
                .on("/b1s/v1/Login", r -> {
                    s.login();
                    if (s.mode == Mode.WRONG_PASSWORD || !r.body().contains("\"Password\":\"" + PASSWORD + "\"")) {
                        return new Reply(401, "{\"error\": {\"code\": 100000027, \"message\": \"Login failed\"}}");
                    }
                    String id = s.open("ss");
                    String end = s.mode == Mode.UNREADABLE_EXPIRY ? "Expires=tomorrow noon" : "Max-Age=" + s.lifetime.toSeconds();
                    return new Reply(200, "{\"Version\": \"1000190\"}", Map.of("Set-Cookie",
                            "SESSIONID=" + id + "; Path=/; HttpOnly; " + end + "\nROUTEID=.node1; Path=/"));
                })
                .on("/b1s/v1/Logout", r -> ".node1".equals(cookie(r, "ROUTEID")) ? s.logOut(session.apply(r)) : new Reply(400, "{}"))
                .on("/b1s/v1/Items", r -> s.call(s.valid(session.apply(r)) && ".node1".equals(cookie(r, "ROUTEID")),
                        new Reply(401, "{\"error\": {\"code\": 301, \"message\": \"Invalid session\"}}")));
        return s;
    }

    /** The body is the token, its lifetime in milliseconds in a header; a 400 whose body says the token ended. */
    private static Sessions metrix() {
        Sessions s = new Sessions();
        s.server = new FakeApi()
                .on("/api/auth", r -> {
                    if (r.method().equals("DELETE")) {
                        return s.logOut(URLDecoder.decode(r.query().replace("token=", ""), StandardCharsets.UTF_8));
                    }
                    s.login();
                    if (s.mode == Mode.WRONG_PASSWORD || !r.body().contains("password=" + PASSWORD)) {
                        return new Reply(401, "{\"error\": \"invalid_login\"}");
                    }
                    String token = s.open("mx");
                    String expiresIn = s.mode == Mode.UNREADABLE_EXPIRY ? "soon" : String.valueOf(s.lifetime.toMillis());
                    return new Reply(200, token, Map.of("Content-Type", "text/plain", "X-Expires-In", expiresIn));
                })
                .on("/api/metrics", r -> s.call(s.valid(r.header("Authorization").replaceFirst("^Token ", "")),
                        new Reply(400, "{\"code\": \"SESSION_EXPIRED\"}")));
        return s;
    }

    private static String cookie(Request request, String name) {
        for (String pair : request.header("Cookie").split(";")) {
            String[] kv = pair.trim().split("=", 2);
            if (kv.length == 2 && kv[0].equals(name)) {
                return kv[1];
            }
        }
        return null;
    }

    @Produce
    ProducerTemplate template;
    @org.apache.camel.BeanInject
    CamelContext context;
    private CapturedLog log;

    @Configure
    protected void configure(MainConfigurationProperties configuration) {
        configuration.addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                // a flow with the sample error policy, as routes/flows has them
                from("direct:ledger-flow").routeId("ledger-flow").routeConfigurationId("flow-errors").to("direct:ledger");
            }
        });
        configuration.addRoutesBuilder(new TestSetup(CLOCK, Map.of(
                "providers.ledger.baseUrl", APIS.get("ledger").server.url("/v3"),
                "providers.stock.baseUrl", APIS.get("stock").server.url("/b1s/v1"),
                "providers.metrix.baseUrl", APIS.get("metrix").server.url("/api"))));
    }

    @BeforeEach
    void startLog() {
        log = CapturedLog.capture();
    }

    @AfterEach
    void noSecretInLog() {
        log.close();
        assertThat(log.text()).doesNotContain(PASSWORD);
        APIS.values().forEach(api -> api.issued().forEach(session -> assertThat(log.text()).doesNotContain(session)));
        APIS.values().forEach(Sessions::reset);
    }

    @AfterAll
    static void stopServers() {
        APIS.values().forEach(api -> api.server.close());
    }

    private Exchange call(String id) {
        return template.send("direct:" + id, e -> {
            e.getMessage().setHeader(Exchange.HTTP_METHOD, "GET");
            e.getMessage().setHeader(Exchange.HTTP_PATH, CALL_PATHS.get(id));
        });
    }

    /** Calls once every {@code interval} of simulated time, {@code times} times. */
    private List<Exception> callEvery(Duration interval, String id, int times) {
        return callEvery(interval, id, times, false);
    }

    /** As above; {@code untilRenewed}: each call after the renewal it started ended, so time moves on a settled state. */
    private List<Exception> callEvery(Duration interval, String id, int times, boolean untilRenewed) {
        List<Exception> failures = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            Exchange exchange = call(id);
            if (exchange.getException() != null) {
                failures.add(exchange.getException());
            } else {
                assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)).as("call %d", i).isEqualTo(200);
            }
            if (untilRenewed) {
                await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                        .until(() -> auth(id).status().state() != AuthState.RENEWING);
            }
            CLOCK.advance(interval);
        }
        return failures;
    }

    /** One call a second for 10 simulated minutes while the API answers logins in {@code mode}; the failures. */
    private List<Exception> tenMinutesOfCalls(String id, Mode mode) {
        APIS.get(id).mode = mode;
        return callEvery(Duration.ofSeconds(1), id, 600);
    }

    private ProviderAuth auth(String id) {
        return AuthroutesComponent.of(context).provider(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ledger", "stock", "metrix"})
    void shortSessionsThenRenewedBeforeExpiryNoCallRejectedAndEachReplacedSessionLoggedOut(String id) {
        Sessions api = APIS.get(id);
        api.lifetime = Duration.ofMinutes(2);
        int before = api.logins();

        List<Exception> failures = callEvery(Duration.ofSeconds(10), id, 60, true);

        int logins = api.logins() - before;
        assertThat(failures).isEmpty();
        assertThat(api.rejected.get()).isZero();
        // renewed in the last tenth of each 2-minute session (ExpiryPolicy), by the first call in it: every 110-120 s
        assertThat(logins).isBetween(5, 7);
        await().until(() -> api.loggedOut.size() == logins - 1);
        assertThat(api.loggedOut).doesNotContain(auth(id).current().orElseThrow().value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ledger", "stock", "metrix"})
    void sessionEndedByTheServerThenOneReLoginHealsTheCall(String id) {
        Sessions api = APIS.get(id);
        call(id);
        int before = api.logins();
        api.open.clear();

        Exchange healed = call(id);

        assertThat(healed.getException()).isNull();
        assertThat(healed.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)).isEqualTo(200);
        assertThat(api.logins() - before).isEqualTo(1);
        assertThat(api.rejected.get()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ledger", "stock", "metrix"})
    void stopThenTheOpenSessionIsLoggedOut(String id) {
        Sessions api = APIS.get(id);
        call(id);
        String session = auth(id).current().orElseThrow().value();

        context.stop();

        assertThat(api.loggedOut).containsExactly(session);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ledger", "stock", "metrix"})
    void wrongPasswordForTenMinutesThenAtMostFiveLoginsAndEveryCallFailsNamingTheProperties(String id) {
        Sessions api = APIS.get(id);

        List<Exception> failures = tenMinutesOfCalls(id, Mode.WRONG_PASSWORD);

        assertThat(api.logins()).isLessThanOrEqualTo(5);
        assertThat(failures).hasSize(600).allMatch(CredentialsRejectedException.class::isInstance);
        assertThat(failures.get(0)).hasMessageContaining("providers." + id + ".password");
        assertThat(api.rejected.get()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ledger", "stock", "metrix"})
    void unreadableExpiryForTenMinutesThenAtMostFiveLoginsEachLoggedOutAndOneWarning(String id) {
        Sessions api = APIS.get(id);

        List<Exception> failures = tenMinutesOfCalls(id, Mode.UNREADABLE_EXPIRY);

        int logins = api.logins();
        assertThat(logins).isBetween(1, 5);
        assertThat(failures).hasSize(600).allMatch(UnusableTokenAnswerException.class::isInstance);
        await().until(() -> api.loggedOut.size() == logins);
        assertThat(api.open).isEmpty();
        assertThat(log.text()).containsOnlyOnce("login not attempted before");
    }

    @Test
    void httpDateExpiryHeaderIsTheSessionsEnd() {
        call("ledger");

        Token session = auth("ledger").current().orElseThrow();
        assertThat(session.expiresAt()).isEqualTo(CLOCK.instant().plus(Duration.ofMinutes(30)));
    }

    @Test
    void cookieMaxAgeIsTheSessionsEndAndTheRouteCookieTravelsWithIt() {
        Exchange first = call("stock");

        Token session = auth("stock").current().orElseThrow();
        assertThat(first.getException()).isNull();
        assertThat(session.expiresAt()).isEqualTo(CLOCK.instant().plus(Duration.ofMinutes(30)));
        assertThat(session.attributes()).containsEntry("routeId", ".node1");
    }

    @Test
    void plainTextTokenWithMillisecondLifetimeInAHeader() {
        call("metrix");

        Token session = auth("metrix").current().orElseThrow();
        assertThat(session.value()).startsWith("mx-");
        assertThat(session.expiresAt()).isEqualTo(CLOCK.instant().plus(Duration.ofMinutes(30)));
    }

    @Test
    void unreadableExpiryThenTheErrorNamesWhatWasFoundTheFormsUnderstoodAndTheOptionToSet() {
        APIS.get("ledger").mode = Mode.UNREADABLE_EXPIRY;
        APIS.get("stock").mode = Mode.UNREADABLE_EXPIRY;
        APIS.get("metrix").mode = Mode.UNREADABLE_EXPIRY;

        assertThat(call("ledger").getException()).isInstanceOf(UnusableTokenAnswerException.class)
                .hasMessageContaining("header X-Session-Expires is 'in 30 minutes'")
                .hasMessageContaining("RFC 1123").hasMessageContaining("expiresAtFormat=");
        assertThat(call("stock").getException()).isInstanceOf(UnusableTokenAnswerException.class)
                .hasMessageContaining("cookie SESSIONID's Expires is 'tomorrow noon'").hasMessageContaining("HTTP-dates");
        assertThat(call("metrix").getException()).isInstanceOf(UnusableTokenAnswerException.class)
                .hasMessageContaining("header X-Expires-In is 'soon'").hasMessageContaining("expiresInUnit=milliseconds");
    }

    @Test
    void refusalWithAnErrorCodeOnlyThenTheCodeIsQuotedOnce() {
        APIS.get("ledger").mode = Mode.WRONG_PASSWORD;

        Exception refused = call("ledger").getException();

        assertThat(refused).isInstanceOf(CredentialsRejectedException.class)
                .hasMessageContaining("(HTTP 401, BAD_CREDENTIALS)")
                .hasMessageContaining("providers.ledger.username and providers.ledger.password");
        assertThat(Optional.ofNullable(refused.getMessage()).orElse("")).containsOnlyOnce("BAD_CREDENTIALS");
    }

    @Test
    void wrongPasswordForAMinuteThenTheSampleFlowPolicyWarnsOncePerStateChange() {
        APIS.get("ledger").mode = Mode.WRONG_PASSWORD;

        for (int i = 0; i < 60; i++) {
            template.send("direct:ledger-flow", e -> e.getMessage().setHeader(Exchange.HTTP_PATH, "entries"));
            CLOCK.advance(Duration.ofSeconds(1));
        }

        assertThat(log.count(Level.WARN, "ledger-flow: ")).isEqualTo(1);
        assertThat(log.count(Level.DEBUG, "ledger-flow: ")).isEqualTo(59);
    }
}
