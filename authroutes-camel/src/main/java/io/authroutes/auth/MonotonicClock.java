package io.authroutes.auth;

/**
 * Time that only moves forward, for backoff and waits: a wall clock set back an hour (by hand, or by a
 * time service stepping it) must not hold token requests back for that hour. Tokens' own expiry stays on
 * the wall clock, since providers state it as a date.
 */
@FunctionalInterface
public interface MonotonicClock {

    /** Nanoseconds from an arbitrary origin; only differences mean anything. */
    long nanos();

    static MonotonicClock system() {
        return System::nanoTime;
    }
}
