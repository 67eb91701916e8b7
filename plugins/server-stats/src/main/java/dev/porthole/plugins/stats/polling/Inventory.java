package dev.porthole.plugins.stats.polling;

import dev.porthole.api.Caller;
import dev.porthole.api.hosts.Host;
import dev.porthole.api.hosts.HostAccess;
import dev.porthole.api.hosts.Hosts;
import dev.porthole.api.http.HttpError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The inventory's hosts as the pollers need them, with each host's owner, as whom background polls run (checked
 * against the owner's access as if they had asked). Read whole at start and at a slow interval, and host by host when
 * the inventory says a host changed, so that a poll never waits on a database query.
 */
public final class Inventory {
    /** A host with the caller its polls run as. */
    public record Entry(Host host, Caller owner) {}

    /** What a refresh found: hosts that appeared or changed, and hosts that are gone. */
    public record Changes(List<Entry> changed, List<Long> removed) {}

    private final Hosts hosts;
    private final Map<Long, Entry> entries = new ConcurrentHashMap<>();

    public Inventory(Hosts hosts) {
        this.hosts = hosts;
    }

    /** Reads every host again. */
    public synchronized Changes refresh() {
        Map<Long, Entry> fresh = new HashMap<>();
        for (Host host : hosts.all()) {
            owner(host.id()).ifPresent(owner -> fresh.put(host.id(), new Entry(host, owner)));
        }
        List<Long> removed = new ArrayList<>();
        for (Long id : List.copyOf(entries.keySet())) {
            if (!fresh.containsKey(id)) {
                entries.remove(id);
                removed.add(id);
            }
        }
        List<Entry> changed = new ArrayList<>();
        fresh.forEach((id, entry) -> {
            Entry old = entries.put(id, entry);
            if (old == null || !old.host().equals(entry.host())) {
                changed.add(entry);
            }
        });
        return new Changes(changed, removed);
    }

    /** Reads one host again, after the inventory said it changed; gone when it was deleted or its owner disabled. */
    public synchronized Changes refresh(long hostId) {
        Optional<Entry> fresh = owner(hostId).flatMap(owner -> lookup(owner, hostId));
        if (fresh.isPresent()) {
            entries.put(hostId, fresh.get());
            return new Changes(List.of(fresh.get()), List.of());
        }
        return entries.remove(hostId) != null
                ? new Changes(List.of(), List.of(hostId))
                : new Changes(List.of(), List.of());
    }

    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    public Optional<Entry> get(long hostId) {
        return Optional.ofNullable(entries.get(hostId));
    }

    private Optional<Entry> lookup(Caller owner, long hostId) {
        try {
            return Optional.of(new Entry(hosts.require(owner, hostId, HostAccess.VIEW), owner));
        } catch (HttpError e) {
            return Optional.empty();
        }
    }

    /** A host whose owner is disabled is not polled: nobody could act on what it shows. */
    private Optional<Caller> owner(long hostId) {
        try {
            return Optional.of(hosts.ownerOf(hostId));
        } catch (HttpError e) {
            return Optional.empty();
        }
    }
}
