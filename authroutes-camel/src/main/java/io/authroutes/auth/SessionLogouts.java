package io.authroutes.auth;

import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the sessions a provider no longer needs, through its logout (the revoke operation), when it has
 * one: many APIs cap the sessions a user may hold open (ERP service layers commonly do), so a session
 * is not left open until it expires. Logouts run on the executor, never on a call's thread, and are best
 * effort: a session may be gone already (the upstream rejected it), so a failure is logged at INFO.
 *
 * <p>A session replaced by a login waits until no call is in flight: a call that took it just before
 * the renewal would otherwise meet it logged out and be re-authenticated for nothing.
 */
final class SessionLogouts {

    private static final Logger LOG = LoggerFactory.getLogger(SessionLogouts.class);

    private final String providerId;
    private final TokenEndpoint endpoint;
    private final AuthStats stats;
    private final Redactor redactor;
    private final Executor executor;
    /** The session dropped after a rejection or by an operator; the next login replaces it. */
    private final AtomicReference<Token> dropped = new AtomicReference<>();
    private final AtomicInteger callsInFlight = new AtomicInteger();
    private final Queue<Token> replaced = new ConcurrentLinkedQueue<>();

    SessionLogouts(String providerId, TokenEndpoint endpoint, AuthStats stats, Redactor redactor, Executor executor) {
        this.providerId = providerId;
        this.endpoint = endpoint;
        this.stats = stats;
        this.redactor = redactor;
        this.executor = executor;
    }

    void dropped(Token session) {
        dropped.set(session);
    }

    void callStarted() {
        callsInFlight.incrementAndGet();
    }

    void callEnded() {
        if (callsInFlight.decrementAndGet() == 0) {
            logOutReplacedWhenNoCallInFlight();
        }
    }

    /** A login obtained {@code next}; {@code renewed} is the session it renews, or null (then the one last dropped). */
    void loggedIn(Token next, Token renewed) {
        Token old = renewed != null ? renewed : dropped.getAndSet(null);
        if (old != null && !old.value().equals(next.value()) && endpoint.supports(TokenOperation.REVOKE)) {
            replaced.add(old);
            logOutReplacedWhenNoCallInFlight();
        }
    }

    /** The login's answer could not be used: the session it opened, if its value was read, ends at once. */
    void unusable(UnusableTokenAnswerException failure) {
        failure.session().ifPresent(session -> logOut(session, "its answer could not be used"));
    }

    /** The application stops: replaced sessions are logged out now, whatever is in flight. */
    void stopping() {
        for (Token session = replaced.poll(); session != null; session = replaced.poll()) {
            logOut(session, "replaced");
        }
    }

    private void logOutReplacedWhenNoCallInFlight() {
        while (callsInFlight.get() == 0) {
            Token session = replaced.poll();
            if (session == null) {
                return;
            }
            logOut(session, "replaced");
        }
    }

    private void logOut(Token session, String why) {
        if (!endpoint.supports(TokenOperation.REVOKE)) {
            return;
        }
        CompletableFuture.runAsync(() -> {
            try {
                endpoint.request(TokenOperation.REVOKE, Optional.of(session));
                stats.tokenRequest(TokenOperation.REVOKE, TokenRequestOutcome.SUCCESS);
                LOG.info("{}: session {} logged out ({})", providerId, session.fingerprint(), why);
            } catch (ProviderAuthException e) {
                stats.tokenRequest(TokenOperation.REVOKE, TokenRequestOutcome.of(e));
                LOG.info("{}: logging out session {} ({}) failed; it is left to expire: {}", providerId,
                        session.fingerprint(), why, redactor.redact(e.reason()));
            }
        }, executor);
    }
}
