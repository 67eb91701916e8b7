package dev.porthole.plugins.tunnels.routes;

import dev.porthole.api.Caller;
import dev.porthole.api.PluginContext;
import dev.porthole.api.Registration;
import dev.porthole.api.hosts.Host;
import dev.porthole.api.http.Access;
import dev.porthole.api.http.ErrorBodies;
import dev.porthole.api.http.HttpError;
import dev.porthole.api.http.Method;
import dev.porthole.api.http.Request;
import dev.porthole.api.http.Response;
import dev.porthole.api.http.RouteHandler;
import dev.porthole.plugins.tunnels.run.Planner;
import dev.porthole.plugins.tunnels.run.Tunnel;
import dev.porthole.plugins.tunnels.run.TunnelName;
import dev.porthole.plugins.tunnels.run.TunnelPlan;
import dev.porthole.plugins.tunnels.run.TunnelRegistry;
import dev.porthole.plugins.tunnels.status.StatusBoard;
import dev.porthole.plugins.tunnels.status.StatusStreams;
import dev.porthole.plugins.tunnels.status.UsableHosts;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Spec 001's routes under {@code /ssh/tunnel}: the status snapshot, one status, the status stream, connect, disconnect
 * and cancel. Looking needs the scope {@code read:tunnels}, acting {@code write:tunnels}; which tunnels a caller sees
 * and touches is decided by the hosts they may use.
 */
public final class TunnelRoutes {
    static final Access READ = Access.authenticated().withScope("read:tunnels");
    static final Access WRITE = Access.authenticated().withScope("write:tunnels");
    static final String MISMATCH = "Tunnel configuration does not match tunnel name";

    private final Planner planner;
    private final TunnelRegistry tunnels;
    private final StatusBoard board;
    private final StatusStreams streams;
    private final UsableHosts usable;

    public TunnelRoutes(
            Planner planner, TunnelRegistry tunnels, StatusBoard board, StatusStreams streams, UsableHosts usable) {
        this.planner = planner;
        this.tunnels = tunnels;
        this.board = board;
        this.streams = streams;
        this.usable = usable;
    }

    public List<Registration> register(PluginContext context) {
        return List.of(
                route(context, Method.GET, "/ssh/tunnel/status", READ, this::statuses),
                context.sse(
                        "/ssh/tunnel/status/stream",
                        READ,
                        (request, stream) -> streams.open(request.requireCaller(), stream)),
                route(context, Method.GET, "/ssh/tunnel/status/{tunnelName}", READ, this::status),
                route(context, Method.POST, "/ssh/tunnel/connect", WRITE, this::connect),
                route(context, Method.POST, "/ssh/tunnel/disconnect", WRITE, this::disconnect),
                route(context, Method.POST, "/ssh/tunnel/cancel", WRITE, this::cancel));
    }

    private static Registration route(
            PluginContext context, Method method, String path, Access access, RouteHandler handler) {
        return context.route(method, path, access, ErrorBodies.inErrorShape(handler));
    }

    Response statuses(Request request) {
        Set<Long> hosts = usable.of(request.requireCaller());
        return Response.ok(board.snapshot(hosts::contains));
    }

    /** A tunnel the caller may not see is as unknown as one that does not exist. */
    Response status(Request request) {
        String name = request.pathParam("tunnelName");
        Set<Long> hosts = usable.of(request.requireCaller());
        return board.get(name)
                .filter(entry -> hosts.containsAll(entry.hostIds()))
                .map(entry -> Response.ok(
                        Map.of("name", name, "status", entry.status().toJson())))
                .orElseThrow(() -> ErrorBodies.error(404, "Tunnel not found"));
    }

    Response connect(Request request) {
        Caller caller = request.requireCaller();
        ConnectBody body = body(request);
        String name = body.name()
                .filter(n -> !n.isBlank())
                .orElseThrow(() -> ErrorBodies.error(400, "Invalid tunnel configuration: name is required"));
        TunnelName claimed = TunnelName.parse(name)
                .orElseThrow(() -> ErrorBodies.badField(
                        "name",
                        "is not {hostId}::{tunnelIndex}::{displayName}::{sourcePort}::{endpointHost}::{endpointPort}"));
        if (body.scope().filter(scope -> !scope.equals("s2s")).isPresent()) {
            throw ErrorBodies.badField("scope", "only s2s tunnels run on the server; c2s ones use the relay WebSocket");
        }
        long hostId = body.sourceHostId().orElse(claimed.hostId());
        int index = body.tunnelIndex().orElse(claimed.index());
        if (hostId != claimed.hostId() || index != claimed.index()) {
            throw ErrorBodies.error(400, MISMATCH);
        }
        TunnelPlan plan = planner.plan(caller, hostId, index, body.bindHost().filter(b -> !b.isBlank()));
        if (!plan.name().toString().equals(name)) {
            throw ErrorBodies.error(400, MISMATCH + " (the inventory names it " + plan.name() + ")");
        }
        checkAgainstInventory(body, plan);
        tunnels.connect(plan);
        return Response.ok(Map.of("message", "Connection request received", "tunnelName", name));
    }

    /** A body may repeat what the inventory holds, but never say something else. */
    private static void checkAgainstInventory(ConnectBody body, TunnelPlan plan) {
        Host source = plan.source();
        same("sourceIP", body.sourceIP(), source.address());
        same("sourceSSHPort", body.sourceSSHPort(), source.port());
        same("sourceUsername", body.sourceUsername(), source.username());
        same("sourcePort", body.sourcePort(), plan.definition().sourcePort());
        if (plan.definition().endpointPort().isPresent()) {
            same(
                    "endpointPort",
                    body.endpointPort(),
                    plan.definition().endpointPort().getAsInt());
        }
        same("mode", body.mode(), plan.mode().toString());
        if (body.mode().isEmpty()) {
            same("tunnelType", body.tunnelType(), plan.mode().toString());
        }
        plan.endpoint().ifPresent(endpoint -> {
            same("endpointIP", body.endpointIP(), endpoint.address());
            same("endpointSSHPort", body.endpointSSHPort(), endpoint.port());
            same("endpointUsername", body.endpointUsername(), endpoint.username());
        });
    }

    private static void same(String field, Optional<?> sent, Object stored) {
        if (sent.isPresent() && !Objects.equals(sent.get(), stored)) {
            throw ErrorBodies.badField(field, "is " + sent.get() + " but the inventory has " + stored);
        }
    }

    Response disconnect(Request request) {
        String name = tunnelName(request);
        known(request.requireCaller(), name).ifPresent(Tunnel::disconnect);
        return Response.ok(Map.of("message", "Disconnect request received", "tunnelName", name));
    }

    Response cancel(Request request) {
        String name = tunnelName(request);
        known(request.requireCaller(), name).ifPresent(Tunnel::cancel);
        return Response.ok(Map.of("message", "Cancel request received", "tunnelName", name));
    }

    /**
     * The tunnel of that name once the caller is known to have access to its hosts. A name that never ran answers the
     * same after the same check on the host it names: disconnecting what is not connected is done already.
     */
    private Optional<Tunnel> known(Caller caller, String name) {
        Optional<Tunnel> tunnel = tunnels.get(name);
        Set<Long> needed = tunnel.flatMap(Tunnel::plan)
                .map(TunnelPlan::hostIds)
                .orElseGet(() -> Set.of(TunnelName.parse(name)
                        .orElseThrow(() -> ErrorBodies.badField("tunnelName", "is not a tunnel name"))
                        .hostId()));
        if (!usable.of(caller).containsAll(needed)) {
            throw ErrorBodies.error(403, "Access denied");
        }
        return tunnel;
    }

    private static String tunnelName(Request request) {
        Object json = request.body().length == 0 ? null : request.bodyJson();
        Object name = json instanceof Map<?, ?> map ? map.get("tunnelName") : null;
        if (!(name instanceof String text) || text.isBlank()) {
            throw ErrorBodies.error(400, "Tunnel name required");
        }
        return text;
    }

    private static ConnectBody body(Request request) {
        if (request.body().length == 0 || !(request.bodyJson() instanceof Map<?, ?>)) {
            throw ErrorBodies.error(400, "Invalid tunnel configuration: the body is a JSON object");
        }
        try {
            return request.body(ConnectBody.class);
        } catch (HttpError e) {
            // a field's error leaves through inSpecShape, which gives it the spec's shape
            throw e.field().isPresent() ? e : ErrorBodies.error(400, "Invalid tunnel configuration: " + e.getMessage());
        }
    }
}
