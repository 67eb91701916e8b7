package dev.porthole.plugins.dockerssh.docker;

/**
 * One sample of a container's resource use, with spec 000's fields, each formatted as {@code docker stats} shows it.
 *
 * @param cpu CPU use in percent of one CPU, e.g. "2.34%" (up to 100% per online CPU)
 * @param memoryUsed memory used without the inactive file cache, e.g. "128MiB"
 * @param memoryLimit the container's memory limit (the host's memory when unlimited), e.g. "2GiB"
 * @param memoryPercent used over limit, e.g. "6.25%"
 * @param netInput bytes received over all networks, e.g. "1.2kB"
 * @param netOutput bytes sent over all networks
 * @param blockRead bytes read from block devices
 * @param blockWrite bytes written to block devices
 * @param pids number of processes, e.g. "3"
 */
public record StatsSnapshot(
        String cpu,
        String memoryUsed,
        String memoryLimit,
        String memoryPercent,
        String netInput,
        String netOutput,
        String blockRead,
        String blockWrite,
        String pids) {}
