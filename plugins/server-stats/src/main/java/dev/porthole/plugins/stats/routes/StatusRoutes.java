package dev.porthole.plugins.stats.routes;

import static dev.porthole.api.http.ErrorBodies.inErrorShape;

import dev.porthole.api.Caller;
import dev.porthole.api.PluginContext;
import dev.porthole.api.hosts.Host;
import dev.porthole.api.hosts.Hosts;
import dev.porthole.api.http.ErrorBodies;
import dev.porthole.api.http.Method;
import dev.porthole.api.http.Request;
import dev.porthole.api.http.Response;
import dev.porthole.plugins.stats.status.HostStatus;
import dev.porthole.plugins.stats.status.StatusBoard;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Spec 002's status routes: every host the caller can see that has been checked, keyed by id, or one of them. A host
 * the caller cannot see answers exactly as one never checked, so ids reveal nothing.
 */
public final class StatusRoutes {
    private static final String NOT_AVAILABLE = "Status not available";

    private final Hosts hosts;
    private final StatusBoard board;

    public StatusRoutes(Hosts hosts, StatusBoard board) {
        this.hosts = hosts;
        this.board = board;
    }

    public void register(PluginContext context) {
        context.route(Method.GET, "/status", StatsAccess.READ, inErrorShape(this::all));
        context.route(Method.GET, "/status/{id}", StatsAccess.READ, inErrorShape(this::one));
    }

    /** {@code ?hostIds=1,2} (Termix's client) narrows the answer to those hosts. */
    Response all(Request request) {
        Caller caller = request.requireCaller();
        Optional<Set<Long>> only = request.query("hostIds").map(HostIds::list);
        Map<String, HostStatus> answer = new LinkedHashMap<>();
        for (Host host : hosts.visibleTo(caller)) {
            if (only.isPresent() && !only.get().contains(host.id())) {
                continue;
            }
            board.get(host.id()).ifPresent(status -> answer.put(Long.toString(host.id()), status));
        }
        return Response.ok(answer);
    }

    Response one(Request request) {
        long id = HostIds.path(request.pathParam("id"));
        Caller caller = request.requireCaller();
        if (!HostViews.canView(hosts, caller, id)) {
            throw ErrorBodies.error(404, NOT_AVAILABLE);
        }
        return Response.ok(board.get(id).orElseThrow(() -> ErrorBodies.error(404, NOT_AVAILABLE)));
    }
}
