package dev.porthole.platform.jobs;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * A plugin job as the plugin listing shows it.
 *
 * @param schedule the schedule as {@link dev.porthole.api.jobs.Schedule#toString()} spells it
 * @param lastStarted when the last run started; null before the first
 * @param lastOutcome {@code ok}, {@code failed: <message>}, or null while no run has finished
 * @param runs how many runs started
 * @param skipped how many due runs were skipped because the previous run was still going
 */
public record JobInfo(
        String name,
        String schedule,
        @Nullable Instant lastStarted,
        @Nullable String lastOutcome,
        long runs,
        long skipped) {}
