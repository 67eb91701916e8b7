package dev.porthole.plugins.stats.settings;

import java.time.Duration;

/**
 * What an admin sets for every host (spec 002's {@code /global-settings}, and the history's retention).
 *
 * @param statusCheckInterval seconds between two status checks of a host
 * @param metricsInterval seconds between two metrics polls of a viewed host
 * @param historyRetentionDays days a metrics history row is kept
 */
public record GlobalSettings(int statusCheckInterval, int metricsInterval, int historyRetentionDays) {
    public static final int MIN_INTERVAL = 10;
    public static final int MAX_INTERVAL = 3600;
    public static final int MIN_RETENTION_DAYS = 1;
    public static final int MAX_RETENTION_DAYS = 90;
    /** Termix's defaults: status every minute, metrics every 30 s, history for a week. */
    public static final GlobalSettings DEFAULTS = new GlobalSettings(60, 30, 7);

    public GlobalSettings {
        check("statusCheckInterval", statusCheckInterval, MIN_INTERVAL, MAX_INTERVAL);
        check("metricsInterval", metricsInterval, MIN_INTERVAL, MAX_INTERVAL);
        check("historyRetentionDays", historyRetentionDays, MIN_RETENTION_DAYS, MAX_RETENTION_DAYS);
    }

    public Duration statusInterval() {
        return Duration.ofSeconds(statusCheckInterval);
    }

    public Duration metricsPeriod() {
        return Duration.ofSeconds(metricsInterval);
    }

    public Duration retention() {
        return Duration.ofDays(historyRetentionDays);
    }

    public GlobalSettings withIntervals(int status, int metrics) {
        return new GlobalSettings(status, metrics, historyRetentionDays);
    }

    public GlobalSettings withRetentionDays(int days) {
        return new GlobalSettings(statusCheckInterval, metricsInterval, days);
    }

    private static void check(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max);
        }
    }
}
