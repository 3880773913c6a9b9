package io.authroutes.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the sessions a provider no longer needs, through its logout (the revoke operation), when it has
 * one: many APIs cap the sessions a user may hold open (ERP service layers commonly do), so a session
 * is not left open until it expires. Logouts run on the executor, never on a call's thread, and are best
 * effort: a session may be gone already (the upstream rejected it), so a failure is logged at INFO.
 *
 * <p>A session replaced by a login is logged out once the calls that carried it have ended: a call that
 * took it just before the renewal would otherwise meet it logged out and be re-authenticated for nothing.
 * Each session counts its own carrying calls ({@link SessionUse}), so calls on its successor, however
 * many, never hold its logout back; a call still carrying it after {@code callLimit} (the longest an
 * upstream call may take) no longer does either.
 */
final class SessionLogouts {

    private static final Logger LOG = LoggerFactory.getLogger(SessionLogouts.class);
    private static final long NO_DEADLINE = Long.MAX_VALUE;

    /** A replaced session whose carrying calls have not all ended, and when it is logged out regardless. */
    private record Waiting(Token session, long deadlineMillis) {
    }

    private final String providerId;
    private final TokenEndpoint endpoint;
    private final AuthStats stats;
    private final Redactor redactor;
    private final Executor executor;
    private final Clock clock;
    private final Duration callLimit;
    /**
     * Whether the provider has a logout, asked at first need (its routes exist by then); without one there
     * is nothing to wait for, and calls count nothing at all.
     */
    private volatile Boolean logsOut;
    /** The session dropped after a rejection or by an operator; the next login replaces it. */
    private final AtomicReference<Token> dropped = new AtomicReference<>();
    private final Queue<Waiting> waiting = new ConcurrentLinkedQueue<>();
    /** The earliest deadline of a waiting session: what an ending call reads, one volatile field. */
    private volatile long nextDeadline = NO_DEADLINE;

    /** {@code callLimit}: zero when a call to the upstream has no time limit. */
    SessionLogouts(String providerId, TokenEndpoint endpoint, AuthStats stats, Redactor redactor, Executor executor,
                   Clock clock, Duration callLimit) {
        this.providerId = providerId;
        this.endpoint = endpoint;
        this.stats = stats;
        this.redactor = redactor;
        this.executor = executor;
        this.clock = clock;
        this.callLimit = callLimit;
    }

    private boolean logsOut() {
        Boolean known = logsOut;
        if (known == null) {
            known = endpoint.supports(TokenOperation.REVOKE);
            logsOut = known;
        }
        return known;
    }

    void dropped(Token session) {
        dropped.set(session);
    }

    /** A call takes {@code session} to send it; false when it is logged out already (the call takes its successor). */
    boolean carry(Token session) {
        return !logsOut() || session.use().carry();
    }

    /** The call that carried {@code session} has its answer, or failed. */
    void carried(Token session) {
        if (!logsOut()) {
            return;
        }
        if (session.use().carried()) {
            logOut(session, "replaced");
        }
        if (nextDeadline != NO_DEADLINE && clock.millis() >= nextDeadline) {
            logOutOverdue(false);
        }
    }

    /** A login obtained {@code next}; {@code renewed} is the session it renews, or null (then the one last dropped). */
    void loggedIn(Token next, Token renewed) {
        Token old = renewed != null ? renewed : dropped.getAndSet(null);
        if (old == null || old.value().equals(next.value()) || !logsOut()) {
            return;
        }
        if (old.use().replaced()) {
            logOut(old, "replaced");
            return;
        }
        synchronized (this) {
            long deadline = callLimit.isZero() ? NO_DEADLINE : clock.millis() + callLimit.toMillis();
            waiting.add(new Waiting(old, deadline));
            nextDeadline = Math.min(nextDeadline, deadline);
        }
    }

    /** The login's answer could not be used: the session it opened, if its value was read, ends at once. */
    void unusable(UnusableTokenAnswerException failure) {
        failure.session().ifPresent(session -> logOut(session, "its answer could not be used"));
    }

    /** The application stops, after its calls drained: replaced sessions are logged out now, whatever still carries them. */
    void stopping() {
        logOutOverdue(true);
    }

    /** Logs out the waiting sessions past their deadline ({@code all}: every one) and forgets those logged out. */
    private synchronized void logOutOverdue(boolean all) {
        long now = clock.millis();
        long next = NO_DEADLINE;
        for (Iterator<Waiting> it = waiting.iterator(); it.hasNext(); ) {
            Waiting w = it.next();
            if (w.session().use().loggedOut()) {
                it.remove();
            } else if (all || now >= w.deadlineMillis()) {
                it.remove();
                if (w.session().use().expired()) {
                    logOut(w.session(), all ? "replaced" : "replaced; a call still carried it after " + callLimit);
                }
            } else {
                next = Math.min(next, w.deadlineMillis());
            }
        }
        nextDeadline = next;
    }

    private void logOut(Token session, String why) {
        if (!logsOut()) {
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
