package dev.porthole.plugins.stats.status;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The last status of every checked host, by host id. */
public final class StatusBoard {
    private final Map<Long, HostStatus> statuses = new ConcurrentHashMap<>();

    public void put(long hostId, HostStatus status) {
        statuses.put(hostId, status);
    }

    public Optional<HostStatus> get(long hostId) {
        return Optional.ofNullable(statuses.get(hostId));
    }

    public void remove(long hostId) {
        statuses.remove(hostId);
    }
}
