package dev.porthole.plugins.dockerruntime.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.porthole.docker.engine.DockerStatsMath;
import dev.porthole.plugins.containers.spi.ContainerStats;
import dev.porthole.plugins.containers.spi.RuntimeFailure;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The Engine API's stats document ({@code GET /containers/{id}/stats?stream=false}: the daemon takes two samples a
 * second apart, so {@code precpu_stats} is filled) as a {@link ContainerStats}, with the Docker CLI's arithmetic.
 */
final class StatsSamples {
    /**
     * Go's zero time. The daemon answers a container that is not running (or restarting) with an empty document read
     * at this time: zeros everywhere, no memory limit.
     */
    private static final Instant NO_SAMPLE = Instant.parse("0001-01-01T00:00:00Z");

    private StatsSamples() {}

    /**
     * @param ref the container as the request named it, for the failure's message
     * @param stats the document
     * @param clock when the document says not when it was read
     * @throws RuntimeFailure {@code CONFLICT} for a container that is not running: the daemon's zeros would read as a
     *     container that uses nothing and may use no memory, which is not so
     */
    static ContainerStats of(String ref, JsonNode stats, Clock clock) {
        Instant read = readTime(stats.path("read").asText(""));
        if (NO_SAMPLE.equals(read)) {
            throw new RuntimeFailure(
                    RuntimeFailure.Kind.CONFLICT,
                    "Container " + ref + " is not running: Docker has no resource use to sample");
        }
        double cpuPercent = DockerStatsMath.cpuPercent(stats);
        JsonNode memory = stats.path("memory_stats");
        long[] network = DockerStatsMath.networkBytes(stats.path("networks"));
        return new ContainerStats(
                cpuPercent,
                cpuPercent / 100.0,
                DockerStatsMath.onlineCpus(stats),
                DockerStatsMath.memoryUsage(memory),
                memory.path("limit").asLong(0),
                network[0],
                network[1],
                (read == null ? clock.instant() : read).getEpochSecond());
    }

    /** RFC 3339 with nanoseconds, as Go writes it; null when absent or not one. */
    private static Instant readTime(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
