package io.authroutes.auth;

import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

/**
 * What every provider of one application shares: the clock tokens are judged by, the monotonic one that
 * times backoff, how a caller waits
 * for a backing-off endpoint, where token requests run, and the randomness that jitters backoff.
 */
record AuthRuntime(Clock clock, MonotonicClock monotonic, Pause pause, Executor executor, RandomGenerator random) {
}
