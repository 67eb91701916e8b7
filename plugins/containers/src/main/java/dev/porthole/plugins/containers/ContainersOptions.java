package dev.porthole.plugins.containers;

import dev.porthole.api.Settings;

/**
 * The server operator's settings of the plugin ({@code porthole.plugin-settings.containers.*}): the rate limit of the
 * container routes, which the spec fixes at 30 requests a minute with a burst of 20 per client.
 */
record ContainersOptions(int ratePerMinute, int burst) {
    static ContainersOptions read(Settings settings) {
        int rate = settings.getInt("rate-limit-per-minute", 30);
        int burst = settings.getInt("rate-limit-burst", 20);
        if (rate < 1 || burst < 1) {
            throw new IllegalArgumentException(
                    "rate-limit-per-minute and rate-limit-burst must be at least 1, not " + rate + " and " + burst);
        }
        return new ContainersOptions(rate, burst);
    }
}
