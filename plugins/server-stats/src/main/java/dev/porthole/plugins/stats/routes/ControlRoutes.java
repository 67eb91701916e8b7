package dev.porthole.plugins.stats.routes;

import static dev.porthole.api.http.ErrorBodies.inErrorShape;

import dev.porthole.api.Caller;
import dev.porthole.api.PluginContext;
import dev.porthole.api.hosts.Host;
import dev.porthole.api.hosts.HostAccess;
import dev.porthole.api.hosts.Hosts;
import dev.porthole.api.http.ErrorBodies;
import dev.porthole.api.http.HttpError;
import dev.porthole.api.http.Method;
import dev.porthole.api.http.Request;
import dev.porthole.api.http.Response;
import dev.porthole.api.ssh.SshConnections;
import dev.porthole.plugins.stats.polling.HostPolling;
import dev.porthole.plugins.stats.polling.Inventory;
import java.util.Map;

/**
 * Spec 002's polling control. The plugin follows the inventory's change events on its own, so these calls are for
 * clients such as Termix's that send them: they never change what is polled beyond what the inventory says, they only
 * make it happen now.
 */
public final class ControlRoutes {
    private final Hosts hosts;
    private final HostPolling polling;
    private final Inventory inventory;
    private final SshConnections ssh;

    public ControlRoutes(Hosts hosts, HostPolling polling, Inventory inventory, SshConnections ssh) {
        this.hosts = hosts;
        this.polling = polling;
        this.inventory = inventory;
        this.ssh = ssh;
    }

    public void register(PluginContext context) {
        context.route(Method.POST, "/refresh", StatsAccess.WRITE, inErrorShape(this::refresh));
        context.route(
                Method.POST,
                "/clear-connections",
                StatsAccess.ADMIN_WRITE,
                inErrorShape(request -> clearConnections()));
        context.route(Method.POST, "/host-updated", StatsAccess.WRITE, inErrorShape(this::hostUpdated));
        context.route(Method.POST, "/host-deleted", StatsAccess.WRITE, inErrorShape(this::hostDeleted));
    }

    /** Checks every host of the caller's now, and polls the metrics of those someone views. */
    Response refresh(Request request) {
        Caller caller = request.requireCaller();
        for (Host host : hosts.visibleTo(caller)) {
            polling.statusNow(host.id());
            if (polling.metricsPolled(host.id())) {
                polling.metricsNow(host.id());
            }
        }
        return Response.ok(Map.of("message", "Polling refreshed"));
    }

    /**
     * Closes the pooled SSH connections of every host with metrics enabled that nothing uses at the moment; the next
     * poll logs in afresh. The pool is the host's, shared by every plugin, so a connection that carries a tunnel or a
     * session stays open.
     */
    Response clearConnections() {
        int closed = 0;
        for (Inventory.Entry entry : inventory.entries()) {
            if (entry.host().enableStats()) {
                closed += ssh.target(entry.owner(), entry.host().id()).closeIdle();
            }
        }
        return Response.ok(Map.of("message", "All SSH connections cleared", "closed", closed));
    }

    /** Reads the host again from the inventory and polls it now; needs manage access, as editing it would. */
    Response hostUpdated(Request request) {
        Caller caller = request.requireCaller();
        long hostId = Bodies.hostId(Bodies.object(request, false));
        requireManage(caller, hostId);
        polling.refresh(hostId);
        return Response.ok(Map.of("message", "Host polling started"));
    }

    /**
     * Forgets a host that left the inventory. One the inventory still holds is refused (409), since it would be polled
     * again at once; deleting it there is what stops its polling.
     */
    Response hostDeleted(Request request) {
        Caller caller = request.requireCaller();
        long hostId = Bodies.hostId(Bodies.object(request, false));
        try {
            hosts.require(caller, hostId, HostAccess.MANAGE);
        } catch (HttpError e) {
            if (e.status() != 404) {
                throw e;
            }
            // gone from the inventory (or never the caller's): nothing of it may stay here
            polling.refresh(hostId);
            return Response.ok(Map.of("message", "Host polling stopped"));
        }
        throw ErrorBodies.error(
                409, "Host " + hostId + " is still in the inventory; delete it there and its polling stops");
    }

    private void requireManage(Caller caller, long hostId) {
        try {
            hosts.require(caller, hostId, HostAccess.MANAGE);
        } catch (HttpError e) {
            throw e.status() == 404 ? ErrorBodies.error(404, "Host not found") : e;
        }
    }
}
