package io.authroutes.auth;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The calls carrying one session, and its way to the logout: in use while calls carry it, then replaced
 * by a newer session, then logged out once, when the last call that carried it ended. Only calls that
 * carry this very session touch it, so calls on its successor never hold its logout back.
 */
final class SessionUse {

    /** Set beside the count of carrying calls once the session is replaced. */
    private static final int REPLACED = 1 << 30;
    /** Final: the logout is under way; no call may take the session any more. */
    private static final int LOGGED_OUT = -1;

    private final AtomicInteger state = new AtomicInteger();

    /** A call takes the session to send it; false when it is logged out already. */
    boolean carry() {
        while (true) {
            int now = state.get();
            if (now == LOGGED_OUT) {
                return false;
            }
            if (state.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** A call that carried it has ended; true for the last one of a replaced session: its logout is due. */
    boolean carried() {
        while (true) {
            int now = state.get();
            if (now == LOGGED_OUT) {
                return false;
            }
            boolean last = now - 1 == REPLACED;
            if (state.compareAndSet(now, last ? LOGGED_OUT : now - 1)) {
                return last;
            }
        }
    }

    /** A newer session replaces it; true when no call carries it: its logout is due now. */
    boolean replaced() {
        while (true) {
            int now = state.get();
            if (now == LOGGED_OUT || (now & REPLACED) != 0) {
                return false;
            }
            boolean idle = now == 0;
            if (state.compareAndSet(now, idle ? LOGGED_OUT : now | REPLACED)) {
                return idle;
            }
        }
    }

    /** Its time is up, whatever still carries it; true unless its logout was due already. */
    boolean expired() {
        return state.getAndSet(LOGGED_OUT) != LOGGED_OUT;
    }

    boolean loggedOut() {
        return state.get() == LOGGED_OUT;
    }
}
