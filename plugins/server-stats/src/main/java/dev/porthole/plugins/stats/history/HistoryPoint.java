package dev.porthole.plugins.stats.history;

import java.time.Instant;

/**
 * One point of a host's metrics history: a poll, or the average of the polls in one step of a chart. Percentages as
 * spec 002 shows them (0–100); a value no poll in the step gave is null.
 *
 * @param time the start of the step (or the poll's time)
 * @param samples how many polls the step averages
 */
public record HistoryPoint(
        Instant time,
        Double cpuPercent,
        Double memoryPercent,
        Double diskPercent,
        Double load1,
        Double rxRateBps,
        Double txRateBps,
        int samples) {}
