package dev.porthole.plugins.dockerssh.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.porthole.docker.engine.DockerStatsMath;
import java.util.Locale;

/**
 * Turns the Engine API's stats document ({@code GET /containers/{id}/stats?stream=false}) into a {@link StatsSnapshot}
 * computed ({@link DockerStatsMath}) and formatted as the Docker CLI does (docker/cli {@code stats_helpers.go}), for
 * cgroup v1 and v2 alike.
 */
final class StatsCalculator {
    private StatsCalculator() {}

    static StatsSnapshot snapshot(JsonNode stats) {
        double memory = DockerStatsMath.memoryUsage(stats.path("memory_stats"));
        double limit = stats.path("memory_stats").path("limit").asDouble(0);
        double memoryPercent = limit == 0 ? 0 : memory / limit * 100.0;
        long[] network = DockerStatsMath.networkBytes(stats.path("networks"));
        double[] block = blockIo(stats.path("blkio_stats").path("io_service_bytes_recursive"));
        return new StatsSnapshot(
                percent(DockerStatsMath.cpuPercent(stats)),
                ByteSizes.binary(memory),
                ByteSizes.binary(limit),
                percent(memoryPercent),
                ByteSizes.decimal(network[0]),
                ByteSizes.decimal(network[1]),
                ByteSizes.decimal(block[0]),
                ByteSizes.decimal(block[1]),
                Long.toString(stats.path("pids_stats").path("current").asLong(0)));
    }

    /** Read and written bytes; cgroup v1 names the operations "Read"/"Write", v2 "read"/"write". */
    private static double[] blockIo(JsonNode entries) {
        double read = 0;
        double write = 0;
        for (JsonNode entry : entries) {
            String op = entry.path("op").asText("").toLowerCase(Locale.ROOT);
            if (op.startsWith("r")) {
                read += entry.path("value").asDouble(0);
            } else if (op.startsWith("w")) {
                write += entry.path("value").asDouble(0);
            }
        }
        return new double[] {read, write};
    }

    private static String percent(double value) {
        return String.format(Locale.ROOT, "%.2f%%", value);
    }
}
