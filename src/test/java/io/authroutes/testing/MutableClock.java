package io.authroutes.testing;

import io.authroutes.auth.MonotonicClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a test moves it; also the monotonic clock, which moves with it except
 * when a test sets the wall time by hand ({@link #setWallClockBy}).
 */
public final class MutableClock extends Clock implements MonotonicClock {

    private final AtomicReference<Instant> now;
    private final AtomicLong elapsedNanos = new AtomicLong();

    public MutableClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    public static MutableClock at(String instant) {
        return new MutableClock(Instant.parse(instant));
    }

    public synchronized void advance(Duration by) {
        now.updateAndGet(t -> t.plus(by));
        elapsedNanos.addAndGet(by.toNanos());
    }

    /** Moves the clock to {@code when} unless it is there already; a fixed-clock {@code Pause}. */
    public synchronized void advanceTo(Instant when) {
        Duration ahead = Duration.between(now.get(), when);
        if (!ahead.isNegative() && !ahead.isZero()) {
            advance(ahead);
        }
    }

    /** Sets the wall time {@code by} later (or earlier, when negative), as an operator would; no time passes. */
    public synchronized void setWallClockBy(Duration by) {
        now.updateAndGet(t -> t.plus(by));
    }

    @Override
    public long nanos() {
        return elapsedNanos.get();
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("tests run in UTC");
    }
}
