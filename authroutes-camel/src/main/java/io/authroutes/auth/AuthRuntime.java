package io.authroutes.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

/**
 * What every provider of one application shares: the clock tokens are judged by, the monotonic one that
 * times backoff, how a caller waits
 * for a backing-off endpoint, where token requests run, the randomness that jitters backoff, and the
 * longest a call to an upstream can take ({@code callLimit}, zero when calls have no time limit), after
 * which a replaced session is logged out even if a call still carries it.
 */
record AuthRuntime(Clock clock, MonotonicClock monotonic, Pause pause, Executor executor, RandomGenerator random,
                          Duration callLimit) {

    /** Calls without a known time limit: a replaced session waits for every call that carries it. */
    AuthRuntime(Clock clock, MonotonicClock monotonic, Pause pause, Executor executor, RandomGenerator random) {
        this(clock, monotonic, pause, executor, random, Duration.ZERO);
    }
}
