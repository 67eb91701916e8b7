package dev.porthole.platform.plugins;

import dev.porthole.api.Caller;
import dev.porthole.api.Registration;
import dev.porthole.api.hosts.Host;
import dev.porthole.api.hosts.HostAccess;
import dev.porthole.api.hosts.HostChange;
import dev.porthole.api.hosts.Hosts;
import dev.porthole.api.hosts.TunnelDefinition;
import dev.porthole.platform.hosts.HostChanges;
import dev.porthole.platform.hosts.PluginHosts;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * One plugin's {@link Hosts}: the lookups every plugin shares, and change listeners that run on this plugin's executor
 * and are kept with its other registrations, so that stopping the plugin ends them.
 */
final class PluginContextHosts implements Hosts {
    private final PluginHosts lookups;
    private final HostChanges changes;
    private final String pluginId;
    private final Executor executor;
    private final UnaryOperator<Registration> keep;

    /**
     * @param keep records a registration with the plugin's context, which closes it when the plugin stops
     */
    PluginContextHosts(
            PluginHosts lookups,
            HostChanges changes,
            String pluginId,
            Executor executor,
            UnaryOperator<Registration> keep) {
        this.lookups = lookups;
        this.changes = changes;
        this.pluginId = pluginId;
        this.executor = executor;
        this.keep = keep;
    }

    @Override
    public Host require(Caller caller, long hostId, HostAccess needed) {
        return lookups.require(caller, hostId, needed);
    }

    @Override
    public List<Host> visibleTo(Caller caller) {
        return lookups.visibleTo(caller);
    }

    @Override
    public List<TunnelDefinition> tunnels(Caller caller, long hostId) {
        return lookups.tunnels(caller, hostId);
    }

    @Override
    public List<Host> all() {
        return lookups.all();
    }

    @Override
    public Caller ownerOf(long hostId) {
        return lookups.ownerOf(hostId);
    }

    @Override
    public Registration onChange(Consumer<HostChange> listener) {
        return keep.apply(changes.listen(pluginId, executor, listener));
    }
}
