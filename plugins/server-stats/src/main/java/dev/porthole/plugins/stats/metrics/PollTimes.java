package dev.porthole.plugins.stats.metrics;

import java.util.Arrays;

/**
 * How long the last {@value #SIZE} metrics polls took, for the Prometheus endpoint's quantiles and the benchmark. A
 * ring of doubles: recording is a lock and a store, and reading sorts a copy.
 */
public final class PollTimes {
    static final int SIZE = 4096;

    private final double[] seconds = new double[SIZE];
    private long count;
    private double sum;

    public synchronized void record(double pollSeconds) {
        seconds[(int) (count % SIZE)] = pollSeconds;
        count++;
        sum += pollSeconds;
    }

    /** The counts since start and the quantiles over the last {@value #SIZE} polls. */
    public record Summary(long count, double sumSeconds, double p50, double p90, double p99) {}

    public synchronized Summary summary() {
        int n = (int) Math.min(count, SIZE);
        if (n == 0) {
            return new Summary(0, 0, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] sorted = Arrays.copyOf(seconds, n);
        Arrays.sort(sorted);
        return new Summary(count, sum, quantile(sorted, 0.5), quantile(sorted, 0.9), quantile(sorted, 0.99));
    }

    /** Nearest rank: the smallest value with at least {@code q} of the values at or below it. */
    private static double quantile(double[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
