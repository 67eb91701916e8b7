package dev.porthole.plugins.tunnels.run;

import dev.porthole.api.Caller;
import dev.porthole.api.hosts.Host;
import dev.porthole.api.hosts.HostAccess;
import dev.porthole.api.hosts.Hosts;
import dev.porthole.api.hosts.TunnelDefinition;
import dev.porthole.api.http.ErrorBodies;
import dev.porthole.api.http.HttpError;
import dev.porthole.plugins.tunnels.TunnelSettings;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Turns "tunnel {@code index} of host {@code hostId}" into a {@link TunnelPlan}, checking on the way everything a
 * request cannot decide: the caller may use the source host (and the endpoint host of a two-host tunnel), the host has
 * tunnels enabled, the listen address is one an admin allowed, and a single-host remote tunnel points where its owner
 * may let an SSH host connect to.
 */
public final class Planner {
    static final String LOOPBACK = "127.0.0.1";
    private static final Set<String> LOCAL_NAMES = Set.of("", "localhost", "127.0.0.1", "::1");

    private final Hosts hosts;
    private final TunnelSettings settings;

    public Planner(Hosts hosts, TunnelSettings settings) {
        this.hosts = hosts;
        this.settings = settings;
    }

    public TunnelPlan plan(Caller caller, long hostId, int index, Optional<String> bindHost) {
        Host source = usable(caller, hostId, "Access denied to this host");
        if (!source.enableTunnels()) {
            throw ErrorBodies.error(403, "Tunnels are not enabled for host " + hostId);
        }
        List<TunnelDefinition> tunnels = hosts.tunnels(caller, hostId);
        if (index < 0 || index >= tunnels.size()) {
            throw ErrorBodies.badField(
                    "tunnelIndex", "host " + hostId + " has " + tunnels.size() + " tunnel(s); there is no " + index);
        }
        TunnelDefinition definition = tunnels.get(index);
        Mode mode = Mode.of(definition.mode());
        Optional<Host> endpoint =
                mode == Mode.DYNAMIC && definition.endpointHost().isEmpty()
                        ? Optional.empty()
                        : endpointHost(caller, source, definition.endpointHost().orElse(""));
        String bind = bindHost(bindHost.orElse(LOOPBACK));
        if (mode == Mode.REMOTE && endpoint.isEmpty()) {
            checkRemoteTarget(caller, definition);
        }
        return new TunnelPlan(TunnelName.of(source, definition), caller, source, definition, endpoint, mode, bind);
    }

    /**
     * The inventory host an endpoint names, by id, name or {@code user@address}, among those the caller sees; none for
     * a plain destination address (or this host's own loopback). A name the caller sees but may not use is a 403.
     */
    private Optional<Host> endpointHost(Caller caller, Host source, String endpoint) {
        String wanted = endpoint.trim();
        if (LOCAL_NAMES.contains(wanted.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        List<Host> named = hosts.visibleTo(caller).stream()
                .filter(h -> h.id() != source.id())
                .filter(h -> wanted.equals(Long.toString(h.id()))
                        || wanted.equals(h.name())
                        || wanted.equals(h.username() + "@" + h.address()))
                .toList();
        if (named.size() > 1) {
            List<Host> sameOwner =
                    named.stream().filter(h -> h.ownerId() == source.ownerId()).toList();
            if (sameOwner.size() != 1) {
                throw ErrorBodies.badField(
                        "endpointHost", "'" + wanted + "' names " + named.size() + " hosts; name it by its id");
            }
            named = sameOwner;
        }
        if (named.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(usable(caller, named.get(0).id(), "Access denied to the endpoint host"));
    }

    /** The host when the caller may use it; a host they cannot see and one they may only view both answer 403. */
    private Host usable(Caller caller, long hostId, String denied) {
        try {
            return hosts.require(caller, hostId, HostAccess.USE);
        } catch (HttpError e) {
            if (e.status() == 403 || e.status() == 404) {
                throw ErrorBodies.error(403, denied);
            }
            throw e;
        }
    }

    private String bindHost(String requested) {
        return settings.bindable(requested)
                .orElseThrow(() -> ErrorBodies.badField(
                        "bindHost",
                        "'" + requested.trim() + "' is not loopback; an admin allows other addresses in the tunnels"
                                + " plugin's bind-hosts setting"));
    }

    /**
     * A single-host remote tunnel makes this server connect wherever the SSH host's clients ask it to go, here: its
     * own loopback services included. Admins may point one anywhere; others only at a destination an admin listed.
     */
    private void checkRemoteTarget(Caller caller, TunnelDefinition definition) {
        if (caller.isAdmin()) {
            return;
        }
        String host = definition.endpointHost().orElse("");
        String port = Integer.toString(definition.endpointPort().orElse(0));
        for (String allowed : settings.remoteTargets()) {
            int colon = allowed.lastIndexOf(':');
            String allowedHost = colon < 0 ? allowed : allowed.substring(0, colon);
            String allowedPort = colon < 0 ? "*" : allowed.substring(colon + 1);
            if ((allowedHost.equals("*") || allowedHost.equalsIgnoreCase(host))
                    && (allowedPort.equals("*") || allowedPort.equals(port))) {
                return;
            }
        }
        throw ErrorBodies.error(
                403,
                "A remote tunnel to " + host + ":" + port + " on this server needs an admin, or the destination in"
                        + " the tunnels plugin's remote-targets setting");
    }
}
