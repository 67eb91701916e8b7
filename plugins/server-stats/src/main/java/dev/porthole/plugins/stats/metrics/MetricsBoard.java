package dev.porthole.plugins.stats.metrics;

import dev.porthole.plugins.stats.collect.HostMetrics;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest metrics of every polled host, and why the last poll failed when it did. A snapshot outlives the polling
 * that made it: {@code GET /metrics/:id} keeps answering it, its {@code lastChecked} telling its age.
 */
public final class MetricsBoard {
    /** A poll's result. */
    public record Snapshot(long hostId, HostMetrics metrics, Instant collectedAt) {}

    /**
     * Why the last poll of a host failed.
     *
     * @param code the {@link dev.porthole.api.ssh.SshException.Code} name, or {@code PARSE} / {@code EXIT}
     * @param suspended whether polling waits for someone to start it again (a refused login is not retried)
     */
    public record Failure(String code, String message, Instant at, boolean suspended) {}

    private final Map<Long, Snapshot> snapshots = new ConcurrentHashMap<>();
    private final Map<Long, Failure> failures = new ConcurrentHashMap<>();

    public void put(Snapshot snapshot) {
        snapshots.put(snapshot.hostId(), snapshot);
        failures.remove(snapshot.hostId());
    }

    public void failed(long hostId, Failure failure) {
        failures.put(hostId, failure);
    }

    public Optional<Snapshot> get(long hostId) {
        return Optional.ofNullable(snapshots.get(hostId));
    }

    public Optional<Failure> failure(long hostId) {
        return Optional.ofNullable(failures.get(hostId));
    }

    public void remove(long hostId) {
        snapshots.remove(hostId);
        failures.remove(hostId);
    }
}
