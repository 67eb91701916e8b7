package dev.porthole.plugins.containers.spi;

/**
 * One sample of a container's resource use.
 *
 * @param cpuPercent CPU use, 100 per busy core
 * @param coresUsed cores in use, {@code cpuPercent / 100}
 * @param totalCores the cores the container may use
 * @param memoryUsed bytes in use, without reclaimable page cache
 * @param memoryLimit the memory limit in bytes (the host's memory when none is set)
 * @param rxBytes bytes received, summed over the container's networks
 * @param txBytes bytes sent, summed over the container's networks
 * @param timestamp when the sample was read, Unix seconds
 */
public record ContainerStats(
        double cpuPercent,
        double coresUsed,
        double totalCores,
        long memoryUsed,
        long memoryLimit,
        long rxBytes,
        long txBytes,
        long timestamp) {}
