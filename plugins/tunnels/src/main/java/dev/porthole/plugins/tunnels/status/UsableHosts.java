package dev.porthole.plugins.tunnels.status;

import dev.porthole.api.Caller;
import dev.porthole.api.hosts.Host;
import dev.porthole.api.hosts.HostAccess;
import dev.porthole.api.hosts.Hosts;
import java.util.Set;
import java.util.stream.Collectors;

/** Which hosts a caller may use, read in one inventory query, to filter statuses with. */
public final class UsableHosts {
    private final Hosts hosts;

    public UsableHosts(Hosts hosts) {
        this.hosts = hosts;
    }

    public Set<Long> of(Caller caller) {
        return hosts.visibleTo(caller).stream()
                .filter(h -> h.access().includes(HostAccess.USE))
                .map(Host::id)
                .collect(Collectors.toUnmodifiableSet());
    }
}
