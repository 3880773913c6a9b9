package io.authroutes.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every simulated provider shares: its token book, counters a test or a curious user can read,
 * and switches that make it misbehave (an outage of the token endpoint, revoking every token).
 */
public abstract class SimulatedProvider implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedProvider.class);

    protected final Clock clock;
    protected final SandboxSettings settings;
    protected final TokenBook tokens = new TokenBook();
    private final String mount;
    private final Random random = new Random();
    private final Map<String, AtomicInteger> tokenRequests = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger outageLeft = new AtomicInteger();
    private final AtomicBoolean rejectedLast = new AtomicBoolean();
    private volatile int outageStatus;

    protected SimulatedProvider(String mount, Clock clock, SandboxSettings settings) {
        this.mount = mount;
        this.clock = clock;
        this.settings = settings;
    }

    String mount() {
        return mount;
    }

    /** Requests of one token operation (login, refresh, extend, validate, revoke) seen so far. */
    public int tokenRequests(String operation) {
        return tokenRequests.computeIfAbsent(operation, k -> new AtomicInteger()).get();
    }

    /** Business calls seen so far, accepted or not. */
    public int calls() {
        return calls.get();
    }

    /** Every issued token stops working, as if the user revoked them all. */
    public void revokeAll() {
        tokens.revokeAll();
    }

    /** The next {@code times} token requests answer {@code status}, e.g. 503. */
    public void failTokenEndpoint(int times, int status) {
        outageStatus = status;
        outageLeft.set(times);
    }

    protected abstract SimReply answer(SimRequest request);

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        SimReply reply;
        try {
            reply = answer(SimRequest.read(exchange, mount));
        } catch (RuntimeException e) {
            LOG.warn("Simulator {} failed: {}", mount, e.toString());
            reply = SimReply.json(500, Map.of("error", "simulator_error"));
        }
        byte[] body = reply.json() == null ? new byte[0] : reply.json().getBytes(StandardCharsets.UTF_8);
        if (body.length > 0) {
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        }
        exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Counts a token request; answers the outage status instead while one is switched on. */
    protected SimReply tokenRequest(String operation, java.util.function.Supplier<SimReply> honest) {
        tokenRequests.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
        if (outageLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return SimReply.json(outageStatus, Map.of("error", "temporarily_unavailable"));
        }
        return honest.get();
    }

    /**
     * Counts a business call and tells whether its token is honoured, revoking it first by chance. Never
     * twice in a row: the call that follows a revocation (the re-authenticated retry) keeps its fresh
     * token, so a chance revocation never costs more than the one re-authentication a call is allowed
     * by default ({@code maxReauthAttempts=1}), and the demo shows no failed call.
     */
    protected boolean callWith(String token) {
        countCall();
        // never right after a rejection of any kind (revoked or expired), so the retry that follows one
        // always goes through and the default run shows no error (maxReauthAttempts=1)
        boolean revoke = settings.revokeProbability() > 0 && random.nextDouble() < settings.revokeProbability()
                && !rejectedLast.get();
        if (revoke) {
            tokens.revoke(token);
        }
        boolean valid = tokens.isValid(token, clock.instant());
        rejectedLast.set(!valid);
        return valid;
    }

    protected void countCall() {
        calls.incrementAndGet();
    }

    protected static boolean is(SimRequest request, String method, String path) {
        return request.method().equalsIgnoreCase(method) && request.path().equals(path);
    }
}
