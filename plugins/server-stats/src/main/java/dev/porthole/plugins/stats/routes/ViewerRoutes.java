package dev.porthole.plugins.stats.routes;

import static dev.porthole.api.http.ErrorBodies.inErrorShape;

import dev.porthole.api.Caller;
import dev.porthole.api.PluginContext;
import dev.porthole.api.hosts.Host;
import dev.porthole.api.hosts.HostAccess;
import dev.porthole.api.hosts.Hosts;
import dev.porthole.api.http.ErrorBodies;
import dev.porthole.api.http.Method;
import dev.porthole.api.http.Request;
import dev.porthole.api.http.Response;
import dev.porthole.plugins.stats.viewers.Viewers;
import java.util.Map;
import java.util.Optional;

/**
 * Spec 002's viewers: a client looking at a host's metrics registers, heartbeats at least every two minutes and
 * unregisters when it leaves. Registering needs use of the host (it makes Porthole log in to it); the id is made here,
 * or taken from the client as the spec describes it.
 */
public final class ViewerRoutes {
    private final Hosts hosts;
    private final Viewers viewers;

    public ViewerRoutes(Hosts hosts, Viewers viewers) {
        this.hosts = hosts;
        this.viewers = viewers;
    }

    public void register(PluginContext context) {
        context.route(Method.POST, "/metrics/register-viewer", StatsAccess.WRITE, inErrorShape(this::registerViewer));
        context.route(
                Method.POST, "/metrics/unregister-viewer", StatsAccess.WRITE, inErrorShape(this::unregisterViewer));
        context.route(Method.POST, "/metrics/heartbeat", StatsAccess.WRITE, inErrorShape(this::heartbeat));
    }

    Response registerViewer(Request request) {
        Caller caller = request.requireCaller();
        Map<?, ?> body = Bodies.object(request, false);
        long hostId = Bodies.hostId(body);
        Optional<String> chosen = Bodies.optionalString(body, "viewerSessionId");
        if (chosen.isPresent() && !Viewers.validClientId(chosen.get())) {
            throw ErrorBodies.badField("viewerSessionId", "must be 1-128 letters, digits, '.', '_', ':' or '-'");
        }
        Host host = hosts.require(caller, hostId, HostAccess.USE);
        if (!host.enableStats()) {
            return Response.ok(Map.of("success", true, "skipped", true, "reason", "metrics_disabled"));
        }
        return Response.ok(Map.of("success", true, "viewerSessionId", register(caller, hostId, chosen)));
    }

    /** A new viewer of the host, under the client's id when it chose one. */
    String register(Caller caller, long hostId, Optional<String> chosen) {
        if (chosen.isEmpty()) {
            return viewers.register(hostId, caller.userId());
        }
        return switch (viewers.register(chosen.get(), hostId, caller.userId())) {
            case OK -> chosen.get();
            case TAKEN_BY_ANOTHER_USER ->
                throw ErrorBodies.error(
                        409, "viewerSessionId is in use; choose another", Map.of("field", "viewerSessionId"));
            case REGISTERED_FOR_ANOTHER_HOST ->
                throw ErrorBodies.error(
                        409,
                        "viewerSessionId is registered for another host; unregister it first",
                        Map.of("field", "viewerSessionId"));
        };
    }

    /** Succeeds for an unknown viewer too, as Termix does: the client's goal, no viewer, holds. */
    Response unregisterViewer(Request request) {
        Caller caller = request.requireCaller();
        Map<?, ?> body = Bodies.object(request, false);
        long hostId = Bodies.hostId(body);
        String id = Bodies.string(body, "viewerSessionId");
        hosts.require(caller, hostId, HostAccess.VIEW);
        viewers.unregister(hostId, id, caller.userId());
        return Response.ok(Map.of("success", true));
    }

    /** Spec 002: {@code true} when the viewer is known (its two minutes start again), {@code false} to re-register. */
    Response heartbeat(Request request) {
        Caller caller = request.requireCaller();
        String id = Bodies.string(Bodies.object(request, false), "viewerSessionId");
        if (viewers.heartbeat(id, caller.userId())) {
            return Response.ok(Map.of("success", true));
        }
        return Response.ok(Map.of("success", false, "reason", "viewer_not_found"));
    }
}
