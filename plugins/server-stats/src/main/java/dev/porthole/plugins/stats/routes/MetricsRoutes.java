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
import dev.porthole.api.ssh.Challenge;
import dev.porthole.api.ssh.SshConnections;
import dev.porthole.api.ssh.SshException;
import dev.porthole.api.ssh.SshTarget;
import dev.porthole.plugins.stats.collect.HostMetrics;
import dev.porthole.plugins.stats.metrics.MetricsBoard;
import dev.porthole.plugins.stats.polling.HostPolling;
import dev.porthole.plugins.stats.viewers.Viewers;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Spec 002's metrics routes: the latest snapshot of a host the caller can see, and starting and stopping a viewer's
 * metrics, with the TOTP step when the host's login asks for a code. Starting logs in as the caller, so that a login
 * problem or a code request reaches the person who can act on it; the polls then run on that pooled connection.
 */
public final class MetricsRoutes {
    private static final String NOT_AVAILABLE = "Metrics not available";

    private final Hosts hosts;
    private final SshConnections ssh;
    private final MetricsBoard board;
    private final Viewers viewers;
    private final HostPolling polling;
    private final Clock clock;
    private final PendingStarts pending = new PendingStarts();

    public MetricsRoutes(
            Hosts hosts, SshConnections ssh, MetricsBoard board, Viewers viewers, HostPolling polling, Clock clock) {
        this.hosts = hosts;
        this.ssh = ssh;
        this.board = board;
        this.viewers = viewers;
        this.polling = polling;
        this.clock = clock;
    }

    public void register(PluginContext context) {
        context.route(Method.GET, "/metrics/{id}", StatsAccess.READ, inErrorShape(this::metrics));
        context.route(Method.POST, "/metrics/start/{id}", StatsAccess.WRITE, inErrorShape(this::start));
        context.route(Method.POST, "/metrics/stop/{id}", StatsAccess.WRITE, inErrorShape(this::stop));
        context.route(Method.POST, "/metrics/connect-totp", StatsAccess.WRITE, inErrorShape(this::connectTotp));
    }

    /** Drops the TOTP starts nobody finished in time. */
    public void expirePending() {
        pending.expire(clock.instant());
    }

    Response metrics(Request request) {
        long id = HostIds.path(request.pathParam("id"));
        Caller caller = request.requireCaller();
        Optional<MetricsBoard.Snapshot> snapshot =
                HostViews.canView(hosts, caller, id) ? board.get(id) : Optional.empty();
        if (snapshot.isEmpty()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", NOT_AVAILABLE);
            body.putAll(HostMetrics.notAvailableJson());
            body.put("lastChecked", clock.instant());
            return Response.json(404, body);
        }
        Map<String, Object> body = new LinkedHashMap<>(snapshot.get().metrics().toJson());
        body.put("lastChecked", snapshot.get().collectedAt());
        board.failure(id).ifPresent(failure -> body.put("pollError", failure));
        return Response.ok(body);
    }

    Response start(Request request) {
        long id = HostIds.path(request.pathParam("id"));
        Caller caller = request.requireCaller();
        Host host;
        try {
            host = hosts.require(caller, id, HostAccess.USE);
        } catch (HttpError e) {
            throw e.status() == 404
                    ? ErrorBodies.error(404, "Host not found", Map.of("connectionLogs", List.of()))
                    : ErrorBodies.error(e.status(), e.getMessage(), Map.of("connectionLogs", List.of()));
        }
        if (!host.enableStats()) {
            throw ErrorBodies.error(
                    403,
                    "Metrics are not enabled for this host (enableStats is false)",
                    Map.of("connectionLogs", List.of()));
        }
        SshTarget target = ssh.target(caller, id);
        try {
            target.connect();
        } catch (SshException e) {
            if (e.code() == SshException.Code.CHALLENGE_REQUIRED
                    && e.challenge().isPresent()) {
                return waitForCode(caller, e.challenge().get(), target);
            }
            throw connectFailed(e, target);
        }
        return started(caller, id, ConnectionLogs.of(target.connectionLog()));
    }

    /** Spec 002's answer when the login asks for a code: the challenge's id is the {@code sessionId} to send back. */
    private Response waitForCode(Caller caller, Challenge challenge, SshTarget target) {
        pending.add(caller.userId(), challenge);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("requires_totp", true);
        body.put("sessionId", challenge.id());
        body.put("prompt", promptOf(challenge));
        body.put("connectionLogs", ConnectionLogs.of(target.connectionLog()));
        return Response.ok(body);
    }

    Response connectTotp(Request request) {
        Caller caller = request.requireCaller();
        Map<?, ?> body = Bodies.object(request, false);
        String sessionId = Bodies.string(body, "sessionId");
        String code = Bodies.string(body, "totpCode").trim();
        PendingStarts.Pending waiting = pending.get(sessionId, caller.userId())
                .orElseThrow(() -> ErrorBodies.error(404, "TOTP session not found or expired"));
        Challenge challenge = waiting.challenge();
        try {
            ssh.answer(
                    caller,
                    challenge.id(),
                    Collections.nCopies(challenge.prompts().size(), code));
        } catch (SshException e) {
            pending.remove(sessionId);
            if (e.code() == SshException.Code.CHALLENGE_REQUIRED
                    && e.challenge().isPresent()) {
                // PAM refused the code and asks again: the client may send another under the new id
                Challenge next = e.challenge().get();
                pending.add(caller.userId(), next);
                throw ErrorBodies.error(
                        401,
                        "TOTP verification failed",
                        Map.of("requires_totp", true, "sessionId", next.id(), "prompt", promptOf(next)));
            }
            throw switch (e.code()) {
                case AUTH_FAILED -> ErrorBodies.error(401, "TOTP verification failed");
                case CHALLENGE_EXPIRED -> ErrorBodies.error(408, "TOTP session timeout");
                default ->
                    ErrorBodies.error(
                            500, e.getMessage(), Map.of("code", e.code().name()));
            };
        }
        pending.remove(sessionId);
        return started(caller, waiting.hostId(), null);
    }

    /** A viewer's metrics after a login that went through: polled now, then at the interval while it looks. */
    private Response started(Caller caller, long hostId, List<Map<String, Object>> connectionLogs) {
        String viewer = viewers.register(hostId, caller.userId());
        polling.metricsNow(hostId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("status", "success");
        body.put("viewerSessionId", viewer);
        if (connectionLogs != null) {
            body.put("connectionLogs", connectionLogs);
        }
        return Response.ok(body);
    }

    /**
     * Ends the caller's viewing of the host: the viewer named in the body, or all of the caller's viewers of it.
     * Polling stops when nobody else looks; another user's viewers are not touched.
     */
    Response stop(Request request) {
        long id = HostIds.path(request.pathParam("id"));
        Caller caller = request.requireCaller();
        Optional<String> viewer = Bodies.optionalString(Bodies.object(request, true), "viewerSessionId");
        hosts.require(caller, id, HostAccess.VIEW);
        if (viewer.isPresent()) {
            viewers.unregister(id, viewer.get(), caller.userId());
        } else {
            viewers.unregisterAll(id, caller.userId());
        }
        return Response.ok(Map.of("success", true));
    }

    private static String promptOf(Challenge challenge) {
        return challenge.prompts().isEmpty() ? "" : challenge.prompts().get(0).text();
    }

    private static HttpError connectFailed(SshException e, SshTarget target) {
        Map<String, Object> more = new LinkedHashMap<>();
        more.put("code", e.code().name());
        more.put("connectionLogs", ConnectionLogs.of(target.connectionLog()));
        return ErrorBodies.error(500, e.getMessage(), more);
    }
}
