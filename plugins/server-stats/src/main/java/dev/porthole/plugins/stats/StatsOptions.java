package dev.porthole.plugins.stats;

import dev.porthole.api.Settings;
import dev.porthole.plugins.stats.metrics.MetricsPoller;
import java.util.Locale;

/**
 * What an operator sets in the server's configuration ({@code porthole.plugin-settings.server-stats.*}), read once at
 * start; the intervals are an admin's, through {@code /global-settings}.
 *
 * @param statusConcurrency status checks running at once. Each holds one of the plugin's threads
 *     ({@code porthole.plugins.threads}, 16 by default) for its round trip, or its timeout when a host is down
 * @param metricsConcurrency metrics polls running at once; each holds a thread for about a second
 * @param pollMode one exec per poll; {@code exec-per-section} only for the benchmark's comparison with Termix's design
 */
public record StatsOptions(int statusConcurrency, int metricsConcurrency, MetricsPoller.Mode pollMode) {
    static StatsOptions read(Settings settings) {
        String mode = settings.get("poll-mode", "one-exec").trim().toLowerCase(Locale.ROOT);
        MetricsPoller.Mode pollMode =
                switch (mode) {
                    case "one-exec" -> MetricsPoller.Mode.ONE_EXEC;
                    case "exec-per-section" -> MetricsPoller.Mode.EXEC_PER_SECTION;
                    default ->
                        throw new IllegalArgumentException(
                                "poll-mode is one-exec or exec-per-section, not '" + mode + "'");
                };
        return new StatsOptions(
                positive(settings, "status-concurrency", 6), positive(settings, "metrics-concurrency", 6), pollMode);
    }

    private static int positive(Settings settings, String key, int otherwise) {
        int value = settings.getInt(key, otherwise);
        if (value < 1) {
            throw new IllegalArgumentException(key + " must be at least 1, not " + value);
        }
        return value;
    }
}
