package dev.porthole.plugins.tunnels.status;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongPredicate;

/**
 * Every tunnel's latest status by name, with the hosts it goes through, so that a caller sees exactly the tunnels whose
 * hosts they may use. Watchers are told that something changed, not what: each reads a fresh snapshot when it is ready
 * to send, so a burst of changes costs a watcher one event, not one per change.
 */
public final class StatusBoard {
    /**
     * A tunnel's status and the hosts a caller must be allowed to use to see it: the source host, and for a two-host
     * tunnel the endpoint host too.
     */
    public record Entry(String name, Set<Long> hostIds, TunnelStatus status) {
        public Entry {
            hostIds = Set.copyOf(hostIds);
        }

        boolean visibleWith(LongPredicate mayUse) {
            return hostIds.stream().allMatch(mayUse::test);
        }
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Runnable> watchers = new CopyOnWriteArrayList<>();

    public void put(String name, Set<Long> hostIds, TunnelStatus status) {
        Entry previous = entries.put(name, new Entry(name, hostIds, status));
        if (previous == null
                || !previous.status().equals(status)
                || !previous.hostIds().equals(hostIds)) {
            watchers.forEach(Runnable::run);
        }
    }

    public void remove(String name) {
        if (entries.remove(name) != null) {
            watchers.forEach(Runnable::run);
        }
    }

    public Optional<Entry> get(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    /** The statuses a caller who may use the hosts {@code mayUse} accepts sees, by name, as JSON objects. */
    public Map<String, Object> snapshot(LongPredicate mayUse) {
        Map<String, Object> snapshot = new TreeMap<>();
        for (Entry entry : entries.values()) {
            if (entry.visibleWith(mayUse)) {
                snapshot.put(entry.name(), entry.status().toJson());
            }
        }
        return snapshot;
    }

    /** {@return every host some tunnel goes through} */
    public Set<Long> hostIds() {
        Set<Long> ids = new java.util.HashSet<>();
        entries.values().forEach(entry -> ids.addAll(entry.hostIds()));
        return ids;
    }

    /** Runs {@code changed} after every change, on the changing thread; it must only take note and return. */
    public Runnable watch(Runnable changed) {
        watchers.add(changed);
        return () -> watchers.remove(changed);
    }
}
