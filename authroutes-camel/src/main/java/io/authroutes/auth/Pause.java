package io.authroutes.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * How a caller waits for the next attempt at a token endpoint that is backing off. The application
 * sleeps; a specification on a fixed clock binds one that moves its clock instead.
 */
@FunctionalInterface
public interface Pause {

    void until(Instant when) throws InterruptedException;

    static Pause sleeping(Clock clock) {
        return when -> {
            Duration left = Duration.between(clock.instant(), when);
            if (!left.isNegative() && !left.isZero()) {
                TimeUnit.NANOSECONDS.sleep(left.toNanos());
            }
        };
    }
}
