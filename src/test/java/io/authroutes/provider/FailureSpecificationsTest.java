package io.authroutes.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.authroutes.auth.CredentialsRejectedException;
import io.authroutes.auth.ProviderAuthException;
import io.authroutes.auth.TokenRejectedException;
import io.authroutes.auth.UnusableTokenAnswerException;
import io.authroutes.auth.camel.AuthroutesComponent;
import io.authroutes.testing.CapturedLog;
import io.authroutes.testing.FakeApi;
import io.authroutes.testing.FakeApi.Reply;
import io.authroutes.testing.MutableClock;
import io.authroutes.testing.TestSetup;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.Produce;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.Configure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The bad day, against real local HTTP servers on a fixed clock: each provider below (an OAuth2 client
 * credentials kind and the Salebasis kind) has its own server whose faults the test switches, and each
 * test counts what reached that server. Calls are made as a flow makes them, through direct:<id>.
 */
@CamelMainTest(propertyPlaceholderLocations = "file:application.properties", properties = {
        "sandbox.enabled=false", "hawtio.enabled=false", "camel.management.enabled=false",
        "camel.main.routes-include-pattern=file:routes/auth/*.camel.yaml"})
class FailureSpecificationsTest {

    private static final MutableClock CLOCK = MutableClock.at("2026-11-22T10:00:00Z");
    private static final String SECRET = "s3cr3t-client-secret";
    private static final Map<String, Provider> PROVIDERS = new HashMap<>();

    /** One OAuth2 provider on its own server: token endpoint and API answers are switchable. */
    static final class Provider {
        final String id;
        final AtomicReference<Function<FakeApi.Request, Reply>> token = new AtomicReference<>();
        final AtomicReference<Function<FakeApi.Request, Reply>> api = new AtomicReference<>();
        final AtomicInteger issued = new AtomicInteger();
        final FakeApi server;
        volatile long lifetimeSeconds = 600;

        Provider(String id) {
            this.id = id;
            token.set(request -> issue());
            api.set(request -> request.header("Authorization").startsWith("Bearer t-") ? new Reply(200, "{\"ok\":true}")
                    : new Reply(401, "{}"));
            server = new FakeApi().on("/token", r -> token.get().apply(r)).on("/api", r -> api.get().apply(r));
        }

        Reply issue() {
            return new Reply(200, "{\"access_token\": \"t-" + issued.incrementAndGet() + "\", \"expires_in\": " + lifetimeSeconds + "}");
        }

        int tokenRequests() {
            return server.requests("/token");
        }

        int apiRequests() {
            return server.requests("/api");
        }
    }

    private static Provider provider(String id) {
        return PROVIDERS.computeIfAbsent(id, Provider::new);
    }

    @Produce
    ProducerTemplate template;

    @Configure
    protected void configure(MainConfigurationProperties configuration) {
        Map<String, String> properties = new HashMap<>();
        for (String id : List.of("wrongpw", "rejecting", "empty", "html", "flaky", "zero", "huge", "busy", "revoking", "revokedyoung")) {
            Provider p = provider(id);
            properties.put("providers." + id + ".kind", "oauth2-client-credentials");
            properties.put("providers." + id + ".baseUrl", p.server.url("/api"));
            properties.put("providers." + id + ".tokenUrl", p.server.url("/token"));
            properties.put("providers." + id + ".clientId", "client-" + id);
            properties.put("providers." + id + ".clientSecret", SECRET);
        }
        configuration.addRoutesBuilder(new TestSetup(CLOCK, properties));
    }

    @AfterAll
    static void stopServers() {
        PROVIDERS.values().forEach(p -> p.server.close());
    }

    /** Calls direct:<id> once a simulated second, {@code times} times; returns the failures. */
    private List<Exception> callEverySecond(String id, int times) {
        return callEvery(Duration.ofSeconds(1), id, times);
    }

    /** Calls direct:<id> once every {@code interval} of simulated time, {@code times} times; returns the failures. */
    private List<Exception> callEvery(Duration interval, String id, int times) {
        List<Exception> failures = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            Exchange exchange = template.send("direct:" + id, e -> e.getMessage().setHeader(Exchange.HTTP_METHOD, "GET"));
            if (exchange.getException() != null) {
                failures.add(exchange.getException());
            }
            CLOCK.advance(interval);
        }
        return failures;
    }

    @Test
    void wrongPasswordForTenMinutesThenAtMostFiveLoginsAndEveryCallFailsNamingTheProperty() {
        Provider p = provider("wrongpw");
        p.token.set(request -> new Reply(400, "{\"error\": \"invalid_client\"}"));

        List<Exception> failures = callEverySecond("wrongpw", 600);

        assertThat(p.tokenRequests()).isLessThanOrEqualTo(5);
        assertThat(failures).hasSize(600).allMatch(CredentialsRejectedException.class::isInstance);
        assertThat(failures.get(599)).hasMessageContaining("providers.wrongpw.clientSecret").hasMessageContaining("renewNow()");
        assertThat(p.apiRequests()).isZero();
        assertThat(AuthroutesComponent.of(template.getCamelContext()).provider("wrongpw").status().state().name())
                .isEqualTo("CREDENTIALS_REFUSED");
    }

    @Test
    void upstreamRejectingEveryTokenThenAtMostThreeLoginsIn40CallsAndEachCallAtMostTwoApiRequests() {
        Provider p = provider("rejecting");
        p.api.set(request -> new Reply(401, "{\"error\": \"insufficient_scope\"}"));

        List<Exception> failures = callEverySecond("rejecting", 40);

        assertThat(p.tokenRequests()).isLessThanOrEqualTo(3);
        assertThat(p.apiRequests()).isLessThanOrEqualTo(40 * 2);
        assertThat(failures).hasSize(40).allMatch(TokenRejectedException.class::isInstance);
        assertThat(failures.get(failures.size() - 1)).hasMessageContaining("providers.rejecting.baseUrl");
    }

    @Test
    void tokenRevokedAfterServingCallsThenNextRevokedAtItsFirstCallThenTheThirdLoginFollowsAtOnce() {
        Provider p = provider("revokedyoung");
        Map<String, AtomicInteger> served = new ConcurrentHashMap<>();
        p.api.set(request -> {
            String token = request.header("Authorization").replace("Bearer ", "");
            int calls = served.computeIfAbsent(token, t -> new AtomicInteger()).incrementAndGet();
            // t-1 serves 50 calls and is revoked; t-2 is revoked at its first call (a node that lost its session)
            boolean revoked = token.equals("t-1") && calls > 50 || token.equals("t-2");
            return revoked ? new Reply(401, "{\"error\": \"invalid_token\"}") : new Reply(200, "{\"ok\":true}");
        });

        List<Exception> failures = callEvery(Duration.ofMillis(10), "revokedyoung", 100);

        // the call that met both revocations spent its one re-authentication; the next call logs in at once
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0)).isInstanceOf(TokenRejectedException.class).hasMessageContaining("again with a freshly obtained token");
        assertThat(p.tokenRequests()).isEqualTo(3);
        assertThat(p.apiRequests()).isEqualTo(100 + 1);
    }

    @Test
    void sixteenCallersWithRandomRevocationsAndFlakyTokenEndpointThenNoCallFailsBecauseNewTokensSeemRefused() throws Exception {
        Provider p = provider("revoking");
        RevokingUpstream upstream = new RevokingUpstream(p, Duration.ofSeconds(3), 0.01, 20);
        int callers = 16;
        int callsEach = 250;
        ExecutorService threads = Executors.newFixedThreadPool(callers);
        List<Exception> failures = new ArrayList<>();
        try (CapturedLog log = CapturedLog.captureAsShipped()) {
            List<Future<List<Exception>>> results = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                // each call moves the clock 1 ms: 4,000 calls over about 4 simulated seconds, tokens renewed or revoked
                results.add(threads.submit(() -> callEvery(Duration.ofMillis(1), "revoking", callsEach)));
            }
            for (Future<List<Exception>> result : results) {
                failures.addAll(result.get(5, TimeUnit.MINUTES));
            }
            threads.shutdown();
            assertThat(log.text()).as("the log").doesNotContain("rejects newly obtained tokens");
        }

        assertThat(upstream.revoked.get()).as("tokens revoked by the upstream").isGreaterThan(20);
        assertThat(upstream.errors.get()).as("token requests answered 500").isPositive();
        assertThat(failures).as("calls failed because new tokens seemed refused")
                .noneMatch(e -> e.getMessage().contains("rejects newly obtained tokens"));
        assertThat(AuthroutesComponent.of(template.getCamelContext()).provider("revoking").status().state().name())
                .isNotEqualTo("TOKEN_REJECTED");
        // one login per revocation and per 500, and a few renewals: rejections by callers still holding a
        // revoked token never cost another
        assertThat(p.tokenRequests()).isLessThanOrEqualTo(upstream.revoked.get() + upstream.errors.get() + 8);
    }

    /**
     * An upstream under ordinary load: tokens live {@code lifetime} on the test's clock, a call revokes
     * the token it carries with probability {@code revocation} (a node that lost its session), and the
     * token endpoint answers 500 to one request in {@code tokenErrorEvery} (the second, then every
     * {@code tokenErrorEvery}-th), so that every run meets some, however few tokens it asks for.
     */
    static final class RevokingUpstream {
        final Map<String, Instant> live = new ConcurrentHashMap<>();
        final AtomicInteger revoked = new AtomicInteger();
        final AtomicInteger errors = new AtomicInteger();
        private final AtomicInteger tokenRequests = new AtomicInteger();
        private final Random random = new Random(17);

        RevokingUpstream(Provider p, Duration lifetime, double revocation, int tokenErrorEvery) {
            p.token.set(request -> {
                if (tokenRequests.incrementAndGet() % tokenErrorEvery == 2) {
                    errors.incrementAndGet();
                    return new Reply(500, "{\"error\": \"server_error\"}");
                }
                String token = "t-" + p.issued.incrementAndGet();
                live.put(token, CLOCK.instant().plus(lifetime));
                return new Reply(200, "{\"access_token\": \"" + token + "\", \"expires_in\": " + lifetime.toSeconds() + "}");
            });
            p.api.set(request -> {
                pause(random.nextInt(3));
                String token = request.header("Authorization").replace("Bearer ", "");
                Instant expires = live.get(token);
                if (expires == null || !CLOCK.instant().isBefore(expires)) {
                    return new Reply(401, "{\"error\": \"invalid_token\"}");
                }
                if (chance(revocation) && live.remove(token) != null) {
                    revoked.incrementAndGet();
                    return new Reply(401, "{\"error\": \"invalid_token\"}");
                }
                return new Reply(200, "{\"ok\":true}");
            });
        }

        /** A server's own latency, so that answers to concurrent calls come back in any order. */
        private static void pause(int millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private boolean chance(double probability) {
            synchronized (random) {
                return random.nextDouble() < probability;
            }
        }
    }

    @Test
    void tokenEndpointAnsweringEmptyObjectFor30SecondsThenLoginsSpacedLikeRefusedCredentialsAndRecoveryAtTheNextStep() {
        Provider p = provider("empty");
        p.token.set(request -> new Reply(200, "{}"));
        Instant start = CLOCK.instant();

        List<Exception> failures = callEverySecond("empty", 30);

        // a 2xx the step cannot read is a configuration error: 30 s to the next login, as for a wrong password
        assertThat(p.tokenRequests()).isLessThanOrEqualTo(2);
        assertThat(failures).allMatch(UnusableTokenAnswerException.class::isInstance);
        assertThat(failures.get(0)).hasMessageContaining("'access_token'").hasMessageContaining("token=<field>");

        p.token.set(request -> p.issue());
        Instant mended = CLOCK.instant();
        for (int second = 0; second <= 60 && !callEverySecond("empty", 1).isEmpty(); second++) {
            assertThat(second).as("seconds until the next attempt, after the fix").isLessThan(60);
        }
        assertThat(Duration.between(mended, CLOCK.instant())).isLessThanOrEqualTo(Duration.ofSeconds(61));
        assertThat(Duration.between(start, mended)).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void tokenEndpointAnsweringHtmlThenUnusableAnswerNamingTheTokenUrl() {
        Provider p = provider("html");
        p.token.set(request -> new Reply(200, "<html><body>502 Bad Gateway</body></html>"));

        List<Exception> failures = callEverySecond("html", 3);

        assertThat(failures).hasSize(3).allMatch(UnusableTokenAnswerException.class::isInstance);
        assertThat(failures.get(0)).hasMessageContaining("providers.html.tokenUrl");
        // steps of 0.2, 0.4, 0.8, 1.6 s, each up to 20 % shorter (jitter), within 3 calls and their waits
        assertThat(p.tokenRequests()).isLessThanOrEqualTo(6);
    }

    @Test
    void tokenEndpointFailingFivePercentOfRequestsFor90SecondsOf3SecondTokensThenNoCallFails() {
        Provider p = provider("flaky");
        p.lifetimeSeconds = 3;
        AtomicInteger requests = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        p.token.set(request -> {
            // every twentieth request: renewals in the last tenth of a 3 s token make about 33 in 90 s
            if (requests.incrementAndGet() % 20 == 0) {
                errors.incrementAndGet();
                return new Reply(500, "{\"error\": \"server_error\"}");
            }
            return p.issue();
        });

        List<Exception> failures = callEvery(Duration.ofMillis(300), "flaky", 300);

        assertThat(failures).isEmpty();
        assertThat(errors.get()).isPositive();
    }

    @Test
    void expiresInZeroThenUnusableAnswerNamingTheField() {
        Provider p = provider("zero");
        p.token.set(request -> new Reply(200, "{\"access_token\": \"t-0\", \"expires_in\": 0}"));

        List<Exception> failures = callEverySecond("zero", 2);

        assertThat(failures).hasSize(2).allMatch(UnusableTokenAnswerException.class::isInstance);
        assertThat(failures.get(0)).hasMessageContaining("'expires_in'").hasMessageContaining("lifetime=");
    }

    @Test
    void expiresInBeyondAnyTokenThenClampedWithOneWarningAndCallsWork() {
        Provider p = provider("huge");
        p.token.set(request -> new Reply(200, "{\"access_token\": \"t-huge\", \"expires_in\": 1e20}"));
        try (CapturedLog log = CapturedLog.capture()) {
            List<Exception> failures = callEverySecond("huge", 3);

            assertThat(failures).isEmpty();
            assertThat(log.text()).containsOnlyOnce("'expires_in' lies more than 366 days ahead").doesNotContain("long overflow");
        }
        assertThat(p.tokenRequests()).isEqualTo(1);
    }

    @Test
    void retryAfterFromTheTokenEndpointIsHonoured() {
        Provider p = provider("busy");
        AtomicBoolean busy = new AtomicBoolean(true);
        p.token.set(request -> busy.get() ? new Reply(429, "{\"error\": \"slow_down\"}") : p.issue());
        p.server.responseHeader("/token", "Retry-After", "120");

        List<Exception> failures = callEverySecond("busy", 60);
        busy.set(false);

        assertThat(p.tokenRequests()).isEqualTo(1);
        assertThat(failures).hasSize(60).allMatch(ProviderAuthException.class::isInstance);
        assertThat(callEverySecond("busy", 61)).hasSizeLessThanOrEqualTo(60);
    }
}
