package dev.porthole.test;

import dev.porthole.api.Api;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A UTC clock that stands still until the test moves it: for idle timeouts, expiry and schedules in code that takes a
 * {@link Clock}. Safe to read and move from several threads.
 *
 * <pre>{@code
 * MutableClock clock = new MutableClock();
 * Sessions sessions = new Sessions(clock, Duration.ofMinutes(30));
 * clock.advance(Duration.ofMinutes(31));
 * }</pre>
 *
 * @since 0.2.0
 */
@Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
public final class MutableClock extends Clock {
    /** Where a new clock starts, unless told otherwise. */
    public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private volatile Instant now;

    /** A clock at {@link #START}. */
    public MutableClock() {
        this(START);
    }

    /**
     * A clock at {@code start}.
     *
     * @param start the instant it shows until moved
     */
    public MutableClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    /**
     * Moves the clock forward (or back, for a negative duration).
     *
     * @param duration how far
     */
    public synchronized void advance(Duration duration) {
        now = now.plus(duration);
    }

    /**
     * Sets the clock to {@code instant}.
     *
     * @param instant what it shows from now on
     */
    public synchronized void set(Instant instant) {
        now = Objects.requireNonNull(instant, "instant");
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** {@return this clock: it always reads UTC, and a moved copy would not follow the test} */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
