package io.authroutes.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.authroutes.auth.ProviderAuth;
import io.authroutes.auth.camel.AuthroutesComponent;
import io.authroutes.testing.FakeApi;
import io.authroutes.testing.FakeApi.Reply;
import io.authroutes.testing.FakeApi.Request;
import io.authroutes.testing.MutableClock;
import io.authroutes.testing.TestSetup;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Produce;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.Configure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Sessions replaced while calls never stop: a provider whose sessions are capped (kind ledgerly, a
 * session header and a logout) renews 2-minute sessions on a fixed clock while callers call back to
 * back and one call is always held by the server. Each replaced session must be logged out once its own
 * calls ended, whatever else is in flight, and never under a call that carries it. The server counts
 * logins, logouts per session, and every call that carried a session already logged out.
 */
@CamelMainTest(propertyPlaceholderLocations = "file:application.properties", properties = {
        "sandbox.enabled=false", "hawtio.enabled=false", "camel.management.enabled=false",
        "camel.main.routes-include-pattern=file:routes/examples/ledgerly.camel.yaml",
        "providers.ledger.kind=ledgerly", "providers.ledger.username=clerk", "providers.ledger.password=pw-41c7",
        // the longest a call may take (application.properties: 5 s pooled connection, 5 s connect, 30 s response)
        "camel.component.http.connection-request-timeout=5000", "camel.component.http.connect-timeout=5000",
        "camel.component.http.response-timeout=30000"})
class SessionLogoutsUnderLoadTest {

    private static final MutableClock CLOCK = MutableClock.at("2026-12-04T10:00:00Z");
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final Duration LIFETIME = Duration.ofMinutes(2);
    /** Into the last tenth of a session, where the next call renews it in the background. */
    private static final Duration INTO_RENEWAL = Duration.ofSeconds(110);
    private static final Duration CALL_LIMIT = Duration.ofSeconds(40);
    private static final int CALLERS = 8;
    /** Only how long to wait on a busy machine before calling it a failure: nothing here waits for time to pass. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** The server's sessions, and what reached it. */
    static final class Sessions {
        final Map<String, Instant> ends = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> logouts = new ConcurrentHashMap<>();
        final AtomicInteger logins = new AtomicInteger();
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger rejected = new AtomicInteger();
        /** Calls that arrived with, or were answered after, their session logged out. */
        final AtomicInteger onLoggedOutSession = new AtomicInteger();
        /** The session the held call carries, once the server holds it. */
        final AtomicReference<String> held = new AtomicReference<>();
        volatile CountDownLatch release = new CountDownLatch(1);
        /** Off once the test stops its callers: no call is held any more. */
        volatile boolean holding = true;
        FakeApi server;

        synchronized Reply login() {
            String session = "ls-" + logins.incrementAndGet();
            Instant end = CLOCK.instant().plus(LIFETIME);
            ends.put(session, end);
            logouts.put(session, new AtomicInteger());
            return new Reply(200, "{\"status\": \"ok\"}", Map.of("X-Session-Token", session, "X-Session-Expires", HTTP_DATE.format(end)));
        }

        Reply logOut(String session) {
            logouts.get(session).incrementAndGet();
            return new Reply(204, null);
        }

        Reply call(Request request, boolean hold) {
            calls.incrementAndGet();
            String session = request.header("X-Session-Token");
            boolean loggedOut = logouts.get(session).get() > 0;
            if (hold && holding) {
                CountDownLatch released = release;
                held.set(session);
                try {
                    released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new Reply(503, "{}");
                }
                held.set(null);
            }
            if (loggedOut || logouts.get(session).get() > 0) {
                onLoggedOutSession.incrementAndGet();
            }
            if (!CLOCK.instant().isBefore(ends.get(session))) {
                rejected.incrementAndGet();
                return new Reply(440, "{\"code\": \"SESSION_EXPIRED\"}");
            }
            return new Reply(200, "{\"rows\": [1, 2, 3]}");
        }

        /** Lets the held call answer; the next one is held again. */
        void releaseHeld() {
            CountDownLatch released = release;
            release = new CountDownLatch(1);
            released.countDown();
        }

        int logouts(String session) {
            return logouts.get(session).get();
        }

        /** Calls stop being held; the held one answers. */
        void stopHolding() {
            holding = false;
            releaseHeld();
        }

        void reset() {
            ends.clear();
            logouts.clear();
            logins.set(0);
            calls.set(0);
            rejected.set(0);
            onLoggedOutSession.set(0);
            held.set(null);
            holding = true;
        }
    }

    private static final Sessions API = ledgerly();

    private static Sessions ledgerly() {
        Sessions s = new Sessions();
        s.server = new FakeApi()
                .on("/v3/session", r -> s.login())
                .on("/v3/session/logout", r -> s.logOut(r.header("X-Session-Token")))
                .on("/v3/entries", r -> s.call(r, false))
                .on("/v3/held", r -> s.call(r, true));
        return s;
    }

    @Produce
    ProducerTemplate template;
    @org.apache.camel.BeanInject
    CamelContext context;
    private final ExecutorService callers = Executors.newFixedThreadPool(CALLERS + 1);
    private volatile boolean stop;

    @Configure
    protected void configure(MainConfigurationProperties configuration) {
        configuration.addRoutesBuilder(new TestSetup(CLOCK, Map.of("providers.ledger.baseUrl", API.server.url("/v3"))));
    }

    @AfterEach
    void stopCallers() throws InterruptedException {
        stop = true;
        API.stopHolding();
        callers.shutdownNow();
        callers.awaitTermination(10, TimeUnit.SECONDS);
        API.reset();
    }

    @AfterAll
    static void stopServer() {
        API.server.close();
    }

    private boolean call(String path) {
        Exchange done = template.send("direct:ledger", e -> {
            e.getMessage().setHeader(Exchange.HTTP_METHOD, "GET");
            e.getMessage().setHeader(Exchange.HTTP_PATH, path);
        });
        return done.getException() == null && Integer.valueOf(200).equals(done.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class));
    }

    /** {@link #CALLERS} callers back to back, and one more whose every call the server holds until released; each returns its failed calls. */
    private List<Future<Integer>> constantLoad() {
        List<Future<Integer>> failed = new ArrayList<>();
        for (int i = 0; i <= CALLERS; i++) {
            String path = i == 0 ? "held" : "entries";
            failed.add(callers.submit(() -> {
                int failures = 0;
                while (!stop) {
                    failures += call(path) ? 0 : 1;
                }
                return failures;
            }));
        }
        return failed;
    }

    private ProviderAuth auth() {
        return AuthroutesComponent.of(context).provider("ledger");
    }

    private String session() {
        return auth().current().orElseThrow().value();
    }

    /**
     * While the held call carries the current session, the clock moves into its renewal window; returns
     * the replaced session once calls take its successor and more than {@link #CALLERS} calls reached the server since.
     */
    private String renewedUnderTheHeldCall() {
        String old = session();
        await().atMost(PATIENCE).until(() -> old.equals(API.held.get()));
        CLOCK.advance(INTO_RENEWAL);
        await().atMost(PATIENCE).until(() -> !session().equals(old));
        int callsBefore = API.calls.get();
        await().atMost(PATIENCE).until(() -> API.calls.get() > callsBefore + CALLERS);
        return old;
    }

    /** Stops the load; the calls that failed. */
    private int stopped(List<Future<Integer>> callers) throws Exception {
        stop = true;
        API.stopHolding();
        int failures = 0;
        for (Future<Integer> caller : callers) {
            failures += caller.get(30, TimeUnit.SECONDS);
        }
        return failures;
    }

    @Test
    void sessionsReplacedUnderConstantLoadThenEachLoggedOutOnceItsOwnCallsEndedAndNeverUnderOne() throws Exception {
        assertThat(call("entries")).isTrue();
        List<Future<Integer>> load = constantLoad();
        List<String> replaced = new ArrayList<>();
        for (int renewal = 1; renewal <= 5; renewal++) {
            String old = renewedUnderTheHeldCall();
            // the held call carries the old session: it stays open, while every other call moved on
            assertThat(API.logouts(old)).isZero();

            API.releaseHeld();
            // logged out while calls on its successor, the held one again among them, never stop
            await().atMost(PATIENCE).until(() -> API.logouts(old) == 1);
            replaced.add(old);
        }
        String current = session();

        assertThat(stopped(load)).isZero();
        assertThat(API.logins.get()).isEqualTo(6);
        replaced.forEach(session -> assertThat(API.logouts(session)).as("logouts of %s", session).isEqualTo(1));
        assertThat(API.logouts(current)).isZero();
        assertThat(API.onLoggedOutSession.get()).isZero();
        assertThat(API.rejected.get()).isZero();
    }

    @Test
    void replacedSessionStillCarriedPastTheLongestACallCanTakeThenLoggedOutOnceAtTheNextCallsEnd() throws Exception {
        assertThat(call("entries")).isTrue();
        List<Future<Integer>> load = constantLoad();
        String old = renewedUnderTheHeldCall();
        assertThat(API.logouts(old)).isZero();

        CLOCK.advance(CALL_LIMIT.plusSeconds(1));

        await().atMost(PATIENCE).until(() -> API.logouts(old) == 1);
        assertThat(old).isEqualTo(API.held.get());
        // the held call met its session ended (440) and was sent again with the new one
        assertThat(stopped(load)).isZero();
        assertThat(API.rejected.get()).isEqualTo(1);
        // the held call's answer came after the logout; its end logs nothing out a second time
        assertThat(API.onLoggedOutSession.get()).isEqualTo(1);
        assertThat(API.logouts(old)).isEqualTo(1);
        assertThat(API.logins.get()).isEqualTo(2);
    }
}
