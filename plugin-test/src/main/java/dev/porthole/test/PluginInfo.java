package dev.porthole.test;

import dev.porthole.api.Api;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An installed plugin as the server's admin API ({@code GET /api/plugins/{id}}) shows it.
 *
 * @param id the plugin id
 * @param version the installed version
 * @param state {@code STARTED}, {@code DISABLED} or {@code FAILED}
 * @param enabled whether it starts with the server
 * @param reason why it is {@code FAILED}; empty otherwise
 * @param jobs its scheduled jobs
 */
@Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
public record PluginInfo(
        String id, String version, String state, boolean enabled, Optional<String> reason, List<Job> jobs) {

    /**
     * The job named {@code name}, if the plugin scheduled one.
     *
     * @param name the job's name
     * @return the job, empty when there is none of that name
     */
    public Optional<Job> job(String name) {
        return jobs.stream().filter(job -> job.name().equals(name)).findFirst();
    }

    /**
     * A scheduled job of the plugin.
     *
     * @param name the name the plugin scheduled it under
     * @param schedule its schedule, in words
     * @param runs how many runs ran
     * @param skipped how many runs were skipped because the last one still ran
     * @param lastStarted when the last run started; empty before the first
     * @param lastOutcome how the last run ended; empty before the first
     */
    @Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
    public record Job(
            String name,
            String schedule,
            long runs,
            long skipped,
            Optional<Instant> lastStarted,
            Optional<String> lastOutcome) {}
}
