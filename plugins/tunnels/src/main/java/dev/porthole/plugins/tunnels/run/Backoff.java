package dev.porthole.plugins.tunnels.run;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * When to try again after the {@code attempt}-th failure (1-based): the tunnel's retry interval, doubled with each
 * attempt, capped, and shortened by up to a fifth at random. The jitter only ever shortens the wait, so that the first
 * retry comes within the interval the operator set, and many tunnels broken by one event spread out instead of
 * reconnecting in lockstep.
 */
public record Backoff(Duration interval, Duration cap, DoubleSupplier random) {
    static final double JITTER = 0.2;

    public Duration delay(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1, not " + attempt);
        }
        long base = interval.toMillis();
        long capped = Math.max(cap.toMillis(), interval.toMillis());
        // doubling stops once past the cap: no overflow for a long run of failures
        for (int i = 1; i < attempt && base < capped; i++) {
            base *= 2;
        }
        base = Math.min(base, capped);
        long shortened = Math.round(base * (1 - JITTER * random.getAsDouble()));
        return Duration.ofMillis(Math.max(1, shortened));
    }
}
