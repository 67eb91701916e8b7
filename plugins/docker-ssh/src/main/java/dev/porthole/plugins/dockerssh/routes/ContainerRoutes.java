package dev.porthole.plugins.dockerssh.routes;

import dev.porthole.api.PluginContext;
import dev.porthole.api.Registration;
import dev.porthole.api.http.Access;
import dev.porthole.api.http.Method;
import dev.porthole.api.http.Request;
import dev.porthole.api.http.Response;
import dev.porthole.api.http.RouteHandler;
import dev.porthole.plugins.dockerssh.docker.ContainerRef;
import dev.porthole.plugins.dockerssh.docker.DockerErrors;
import dev.porthole.plugins.dockerssh.docker.DockerOperations;
import dev.porthole.plugins.dockerssh.docker.Flags;
import dev.porthole.plugins.dockerssh.docker.LogsQuery;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The routes of spec 000 that work on a connected session: validate, list, inspect, the five actions, remove, logs
 * and stats. Reading needs the scope {@code read:docker}, changing a container {@code write:docker}; every route
 * needs a signed-in caller, and the session must be the caller's.
 */
public final class ContainerRoutes {
    /** Looking at Docker: every signed-in caller, tokens with {@code read:docker}. Shared with the session routes. */
    public static final Access READ = Access.authenticated().withScope("read:docker");
    /** Changing Docker (connecting, container actions): tokens need {@code write:docker}. */
    public static final Access WRITE = Access.authenticated().withScope("write:docker");

    private static final String CONTAINER = "/docker/containers/{sessionId}/{containerId}";

    private final DockerSessions sessions;

    public ContainerRoutes(DockerSessions sessions) {
        this.sessions = sessions;
    }

    /** Registers every route, each answering its errors in the spec's shape; the host withdraws them on stop. */
    public List<Registration> register(PluginContext context) {
        return List.of(
                route(context, Method.GET, "/docker/validate/{sessionId}", READ, this::validate),
                route(context, Method.GET, "/docker/containers/{sessionId}", READ, this::list),
                route(context, Method.GET, CONTAINER, READ, this::inspect),
                route(context, Method.POST, CONTAINER + "/start", WRITE, action(DockerOperations::start)),
                route(context, Method.POST, CONTAINER + "/stop", WRITE, action(DockerOperations::stop)),
                route(context, Method.POST, CONTAINER + "/restart", WRITE, action(DockerOperations::restart)),
                route(context, Method.POST, CONTAINER + "/pause", WRITE, action(DockerOperations::pause)),
                route(context, Method.POST, CONTAINER + "/unpause", WRITE, action(DockerOperations::unpause)),
                route(context, Method.DELETE, CONTAINER + "/remove", WRITE, this::remove),
                route(context, Method.GET, CONTAINER + "/logs", READ, this::logs),
                route(context, Method.GET, CONTAINER + "/stats", READ, this::stats));
    }

    /** A route of spec 000: every error it answers is in the spec's shape ({@link DockerErrors#inSpecShape}). */
    public static Registration route(
            PluginContext context, Method method, String path, Access access, RouteHandler handler) {
        return context.route(method, path, access, DockerErrors.inSpecShape(handler));
    }

    Response validate(Request request) {
        return Response.ok(session(request).validate().toJson());
    }

    /** {@code all} defaults to true: the spec's "set to false for running containers only". */
    Response list(Request request) {
        return Response.ok(
                session(request).list(Flags.parse("all", request.query("all").orElse(null), true)));
    }

    Response inspect(Request request) {
        return withContainer(request, DockerOperations::inspect);
    }

    Response remove(Request request) {
        boolean force = Flags.parse("force", request.query("force").orElse(null), false);
        return withContainer(request, (docker, container) -> docker.remove(container, force));
    }

    Response logs(Request request) {
        LogsQuery query = LogsQuery.parse(
                request.query("tail").orElse(null),
                request.query("timestamps").orElse(null),
                request.query("since").orElse(null),
                request.query("until").orElse(null));
        return withContainer(request, (docker, container) -> docker.logs(container, query));
    }

    Response stats(Request request) {
        return withContainer(request, DockerOperations::stats);
    }

    RouteHandler action(BiFunction<DockerOperations, ContainerRef, ?> operation) {
        return request -> withContainer(request, operation);
    }

    /** The container is validated before the session is looked up, so a bad id never costs a round trip. */
    private Response withContainer(Request request, BiFunction<DockerOperations, ContainerRef, ?> operation) {
        ContainerRef container = new ContainerRef(request.pathParam("containerId"));
        return Response.ok(operation.apply(session(request), container));
    }

    private DockerOperations session(Request request) {
        return sessions.connected(request.pathParam("sessionId"), request.requireCaller())
                .orElseThrow(DockerErrors::sessionNotFound);
    }
}
