package dev.porthole.docker.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;

/**
 * The Docker CLI's arithmetic on the Engine API's stats document ({@code GET /containers/{id}/stats}), as docker/cli
 * {@code stats_helpers.go} does it, for cgroup v1 and v2 alike: what {@code docker stats} shows, unformatted. Missing
 * counters count as 0, so a stopped container's document gives zeros rather than errors.
 */
public final class DockerStatsMath {
    private DockerStatsMath() {}

    /**
     * The container's share of the host's CPU time between the two samples the daemon took ({@code cpu_stats} and
     * {@code precpu_stats}), scaled by the online CPUs: 100.0 is one CPU busy. 0 without a previous sample.
     */
    public static double cpuPercent(JsonNode stats) {
        JsonNode cpu = stats.path("cpu_stats");
        JsonNode pre = stats.path("precpu_stats");
        double cpuDelta = cpu.path("cpu_usage").path("total_usage").asDouble(0)
                - pre.path("cpu_usage").path("total_usage").asDouble(0);
        double systemDelta = cpu.path("system_cpu_usage").asDouble(0)
                - pre.path("system_cpu_usage").asDouble(0);
        return systemDelta > 0 && cpuDelta > 0 ? cpuDelta / systemDelta * onlineCpus(stats) * 100.0 : 0.0;
    }

    /**
     * The CPUs the container could run on: {@code online_cpus}, or, from older daemons that do not send it, the number
     * of per-CPU counters.
     */
    public static double onlineCpus(JsonNode stats) {
        JsonNode cpu = stats.path("cpu_stats");
        double online = cpu.path("online_cpus").asDouble(0);
        return online != 0 ? online : cpu.path("cpu_usage").path("percpu_usage").size();
    }

    /**
     * Bytes of memory used without the inactive file cache, which the kernel can reclaim at once: {@code
     * total_inactive_file} on cgroup v1 (the hierarchy's, not the cgroup's own {@code inactive_file}), {@code
     * inactive_file} on cgroup v2. A counter not below the usage is ignored, as the CLI does.
     *
     * @param memoryStats the document's {@code memory_stats}
     */
    public static long memoryUsage(JsonNode memoryStats) {
        long usage = memoryStats.path("usage").asLong(0);
        JsonNode counters = memoryStats.path("stats");
        JsonNode v1 = counters.get("total_inactive_file");
        if (v1 != null && v1.asLong() < usage) {
            return usage - v1.asLong();
        }
        long v2 = counters.path("inactive_file").asLong(0);
        return v2 < usage ? usage - v2 : usage;
    }

    /**
     * Bytes received and sent, summed over the container's networks.
     *
     * @param networks the document's {@code networks}, by interface name
     * @return {@code {rx, tx}}
     */
    public static long[] networkBytes(JsonNode networks) {
        long rx = 0;
        long tx = 0;
        for (Iterator<JsonNode> it = networks.elements(); it.hasNext(); ) {
            JsonNode net = it.next();
            rx += net.path("rx_bytes").asLong(0);
            tx += net.path("tx_bytes").asLong(0);
        }
        return new long[] {rx, tx};
    }
}
