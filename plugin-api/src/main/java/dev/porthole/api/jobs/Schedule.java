package dev.porthole.api.jobs;

import dev.porthole.api.Api;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * When a job runs: at a fixed rate ({@link #every}) or by a cron expression ({@link #cron}, six fields with seconds:
 * {@code "0 *}{@code /5 * * * *"} is every five minutes).
 */
@Api(since = "0.1.0", stability = Api.Stability.STABLE)
public final class Schedule {
    private final Duration period;
    private final Duration initialDelay;
    private final String cron;

    private Schedule(Duration period, Duration initialDelay, String cron) {
        this.period = period;
        this.initialDelay = initialDelay;
        this.cron = cron;
    }

    /**
     * Every {@code period}, the first run one period after the job is registered.
     *
     * @param period positive
     * @return the schedule
     */
    public static Schedule every(Duration period) {
        Objects.requireNonNull(period, "period");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a job period must be positive, not " + period);
        }
        return new Schedule(period, period, null);
    }

    /**
     * By a cron expression in six fields (second minute hour day-of-month month day-of-week).
     *
     * @param expression e.g. {@code 0 0 3 * * *} for 03:00 every day
     * @return the schedule
     */
    public static Schedule cron(String expression) {
        Objects.requireNonNull(expression, "expression");
        if (expression.isBlank()) {
            throw new IllegalArgumentException("a cron expression is required");
        }
        return new Schedule(null, null, expression.trim());
    }

    /**
     * A fixed-rate schedule whose first run comes after {@code delay} instead of one period.
     *
     * @param delay zero or more
     * @return a new schedule
     * @throws IllegalStateException on a cron schedule
     */
    public Schedule withInitialDelay(Duration delay) {
        if (period == null) {
            throw new IllegalStateException("a cron schedule has no initial delay");
        }
        if (Objects.requireNonNull(delay, "delay").isNegative()) {
            throw new IllegalArgumentException("an initial delay cannot be negative");
        }
        return new Schedule(period, delay, null);
    }

    /** {@return the period of a fixed-rate schedule} */
    public Optional<Duration> period() {
        return Optional.ofNullable(period);
    }

    /** {@return the delay before the first run of a fixed-rate schedule} */
    public Optional<Duration> initialDelay() {
        return Optional.ofNullable(initialDelay);
    }

    /** {@return the cron expression of a cron schedule} */
    public Optional<String> cron() {
        return Optional.ofNullable(cron);
    }

    /** {@return {@code every PT5S} or {@code cron 0 0 3 * * *}} */
    @Override
    public String toString() {
        return cron != null ? "cron " + cron : "every " + period;
    }
}
