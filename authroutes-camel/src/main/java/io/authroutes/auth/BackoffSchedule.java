package io.authroutes.auth;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How far apart attempts are after consecutive failures: {@code first}, then doubling up to {@code max}.
 * Each step is shortened by up to {@code jitter} (a fraction) at random, so that instances started
 * together do not retry in lockstep (the "full jitter" reasoning of RFC 8085 section 3.1.3 applies to
 * any shared server).
 */
record BackoffSchedule(Duration first, Duration max, double jitter) {

    public BackoffSchedule {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("a backoff needs 0 < first <= max: " + first + ", " + max);
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter is a fraction in [0, 1): " + jitter);
        }
    }

    /** The pause after the {@code failures}-th failure in a row, counting from 1. */
    public Duration after(int failures, RandomGenerator random) {
        Duration step = max;
        int doublings = Math.max(0, failures - 1);
        if (doublings < 40) {
            Duration doubled = first.multipliedBy(1L << doublings);
            step = doubled.compareTo(max) < 0 ? doubled : max;
        }
        if (jitter == 0) {
            return step;
        }
        return Duration.ofNanos(Math.round(step.toNanos() * (1 - jitter * random.nextDouble())));
    }
}
