package dev.porthole.plugins.dockerssh.docker;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Locale;

/**
 * Turns the Engine API's stats document ({@code GET /containers/{id}/stats?stream=false}) into a {@link StatsSnapshot}
 * computed as the Docker CLI computes it (docker/cli {@code stats_helpers.go}), for cgroup v1 and v2 alike.
 */
final class StatsCalculator {
    private StatsCalculator() {}

    static StatsSnapshot snapshot(JsonNode stats) {
        double memory = memoryUsage(stats.path("memory_stats"));
        double limit = stats.path("memory_stats").path("limit").asDouble(0);
        double memoryPercent = limit == 0 ? 0 : memory / limit * 100.0;
        double[] network = network(stats.path("networks"));
        double[] block = blockIo(stats.path("blkio_stats").path("io_service_bytes_recursive"));
        return new StatsSnapshot(
                percent(cpuPercent(stats)),
                ByteSizes.binary(memory),
                ByteSizes.binary(limit),
                percent(memoryPercent),
                ByteSizes.decimal(network[0]),
                ByteSizes.decimal(network[1]),
                ByteSizes.decimal(block[0]),
                ByteSizes.decimal(block[1]),
                Long.toString(stats.path("pids_stats").path("current").asLong(0)));
    }

    /**
     * The container's share of the host's CPU time between the two samples the daemon took, scaled by the online CPUs:
     * 100% is one CPU busy.
     */
    static double cpuPercent(JsonNode stats) {
        JsonNode cpu = stats.path("cpu_stats");
        JsonNode pre = stats.path("precpu_stats");
        double cpuDelta = cpu.path("cpu_usage").path("total_usage").asDouble(0)
                - pre.path("cpu_usage").path("total_usage").asDouble(0);
        double systemDelta = cpu.path("system_cpu_usage").asDouble(0)
                - pre.path("system_cpu_usage").asDouble(0);
        double online = cpu.path("online_cpus").asDouble(0);
        if (online == 0) {
            online = cpu.path("cpu_usage").path("percpu_usage").size();
        }
        return systemDelta > 0 && cpuDelta > 0 ? cpuDelta / systemDelta * online * 100.0 : 0.0;
    }

    /**
     * Usage without the inactive file cache, which the kernel can reclaim at once: {@code total_inactive_file} on cgroup
     * v1, {@code inactive_file} on cgroup v2.
     */
    static double memoryUsage(JsonNode memoryStats) {
        long usage = memoryStats.path("usage").asLong(0);
        JsonNode counters = memoryStats.path("stats");
        JsonNode v1 = counters.get("total_inactive_file");
        if (v1 != null && v1.asLong() < usage) {
            return usage - v1.asLong();
        }
        long v2 = counters.path("inactive_file").asLong(0);
        if (v2 < usage) {
            return usage - v2;
        }
        return usage;
    }

    /** Received and sent bytes, summed over the container's networks. */
    private static double[] network(JsonNode networks) {
        double rx = 0;
        double tx = 0;
        for (Iterator<JsonNode> it = networks.elements(); it.hasNext(); ) {
            JsonNode net = it.next();
            rx += net.path("rx_bytes").asDouble(0);
            tx += net.path("tx_bytes").asDouble(0);
        }
        return new double[] {rx, tx};
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
