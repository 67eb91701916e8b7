package dev.porthole.platform.hosts;

import dev.porthole.api.hosts.Host;
import dev.porthole.api.hosts.HostAccess;
import dev.porthole.api.http.HttpError;
import dev.porthole.platform.auth.ApiCaller;
import dev.porthole.platform.errors.ApiException;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The lookups of {@link dev.porthole.api.hosts.Hosts}, shared by every plugin: the same access checks as the API, the
 * same 404 and 403 (as {@link HttpError}), and never a secret. Callers must be the ones the host handed the plugin;
 * any other {@link dev.porthole.api.Caller} is refused with an {@link IllegalArgumentException}. Blocking (database).
 * Each plugin's context wraps it with the plugin's own change listeners.
 */
@Singleton
public class PluginHosts {
    private final HostService hosts;

    PluginHosts(HostService hosts) {
        this.hosts = hosts;
    }

    public Host require(dev.porthole.api.Caller caller, long hostId, HostAccess needed) {
        var hostCaller = ApiCaller.unwrap(caller);
        try {
            return toHost(hosts.requireView(hostCaller, hostId, needed));
        } catch (ApiException e) {
            throw new HttpError(e.status().getCode(), e.getMessage());
        }
    }

    public List<Host> visibleTo(dev.porthole.api.Caller caller) {
        return hosts.list(ApiCaller.unwrap(caller), null).stream()
                .map(PluginHosts::toHost)
                .toList();
    }

    public List<dev.porthole.api.hosts.TunnelDefinition> tunnels(dev.porthole.api.Caller caller, long hostId) {
        List<TunnelDefinition> stored;
        try {
            stored = hosts.requireView(ApiCaller.unwrap(caller), hostId, HostAccess.VIEW)
                    .tunnels();
        } catch (ApiException e) {
            throw new HttpError(e.status().getCode(), e.getMessage());
        }
        List<dev.porthole.api.hosts.TunnelDefinition> tunnels = new ArrayList<>(stored.size());
        for (int i = 0; i < stored.size(); i++) {
            tunnels.add(toTunnel(i, stored.get(i)));
        }
        return tunnels;
    }

    public List<Host> all() {
        return hosts.all().stream().map(PluginHosts::toHost).toList();
    }

    public dev.porthole.api.Caller ownerOf(long hostId) {
        try {
            return new ApiCaller(hosts.owner(hostId));
        } catch (ApiException e) {
            throw new HttpError(e.status().getCode(), e.getMessage());
        }
    }

    private static dev.porthole.api.hosts.TunnelDefinition toTunnel(int index, TunnelDefinition stored) {
        return new dev.porthole.api.hosts.TunnelDefinition(
                index,
                Optional.ofNullable(stored.name()),
                stored.mode(),
                stored.sourcePort(),
                Optional.ofNullable(stored.endpointHost()),
                stored.endpointPort() == null ? OptionalInt.empty() : OptionalInt.of(stored.endpointPort()),
                stored.maxRetries(),
                Duration.ofMillis(stored.retryInterval()),
                stored.autoStart());
    }

    private static Host toHost(HostView view) {
        return new Host(
                view.id(),
                view.name(),
                view.address(),
                view.port(),
                view.username(),
                view.authType(),
                Optional.ofNullable(view.jumpHostId()),
                view.enableDocker(),
                view.enableTunnels(),
                view.enableStats(),
                view.tags(),
                view.ownerId(),
                access(view.access()));
    }

    /** The API's access name, which is the level's own spelling. */
    private static HostAccess access(String wire) {
        return HostAccess.valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
