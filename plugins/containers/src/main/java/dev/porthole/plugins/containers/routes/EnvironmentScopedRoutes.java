package dev.porthole.plugins.containers.routes;

import static dev.porthole.plugins.containers.errors.ErrorShapes.plain;

import dev.porthole.api.PluginContext;
import dev.porthole.api.http.Access;
import dev.porthole.api.http.Method;
import dev.porthole.api.http.Request;
import dev.porthole.api.http.Response;
import dev.porthole.plugins.containers.environments.ContainerLocator;
import dev.porthole.plugins.containers.environments.ContainerLocator.Located;
import dev.porthole.plugins.containers.errors.ContainerError;
import dev.porthole.plugins.containers.errors.ErrorCode;
import dev.porthole.plugins.containers.errors.Failures;
import dev.porthole.plugins.containers.gate.Gate;
import dev.porthole.plugins.containers.gate.Requester;
import dev.porthole.plugins.containers.permissions.Permission;
import dev.porthole.plugins.containers.spi.ContainerAction;
import dev.porthole.plugins.containers.spi.RuntimeFailure;
import java.util.Map;
import java.util.Optional;

/**
 * Spec 003 (Dockhand): {@code POST /api/containers/{id}/{start|stop|restart|pause|unpause}?env=} and {@code DELETE
 * /api/containers/{id}?env=&force=}, answered when the runtime is done: {@code {"success": true}}, or {@code {"error":
 * ...}} with 403 (no permission, or no such environment), 404 (no such container), 409 (the container's state does not
 * allow it) or 500. Starting a running container and stopping a stopped one succeed with nothing to do, as Docker's
 * own 304 means. Pause needs the {@code stop} permission and unpause {@code start}.
 */
public final class EnvironmentScopedRoutes {
    static final String PATH = "/api/containers/{id}";
    private static final int STOP_TIMEOUT = 10;

    private final Gate gate;
    private final ContainerLocator locator;

    public EnvironmentScopedRoutes(Gate gate, ContainerLocator locator) {
        this.gate = gate;
        this.locator = locator;
    }

    public void register(PluginContext context) {
        for (ContainerAction action : ContainerAction.values()) {
            context.route(Method.POST, PATH + "/" + action.word(), Access.anonymous(), plain(r -> act(r, action)));
        }
        context.route(Method.DELETE, PATH, Access.anonymous(), plain(this::remove));
    }

    /** The permission an action needs: pause is a kind of stop, unpause a kind of start. */
    static Permission permissionFor(ContainerAction action) {
        return switch (action) {
            case START, UNPAUSE -> Permission.START;
            case STOP, PAUSE -> Permission.STOP;
            case RESTART -> Permission.RESTART;
        };
    }

    private Response act(Request request, ContainerAction action) {
        Located target = locate(request, permissionFor(action));
        try {
            target.endpoint().act(target.container().fullId(), target.namespace(), action, STOP_TIMEOUT);
        } catch (RuntimeFailure failure) {
            boolean nothingToDo = failure.kind() == RuntimeFailure.Kind.ALREADY_STARTED
                    || failure.kind() == RuntimeFailure.Kind.ALREADY_STOPPED;
            if (!nothingToDo) {
                throw Failures.of(failure, ErrorCode.failedAction(action.word()));
            }
        }
        return Response.ok(Map.of("success", true));
    }

    private Response remove(Request request) {
        Located target = locate(request, Permission.REMOVE);
        boolean force = request.query("force").map(Boolean::parseBoolean).orElse(false);
        try {
            target.endpoint().remove(target.container().fullId(), target.namespace(), force);
        } catch (RuntimeFailure failure) {
            throw Failures.of(failure, ErrorCode.CONTAINER_REMOVE_FAILED);
        }
        return Response.ok(Map.of("success", true));
    }

    private Located locate(Request request, Permission permission) {
        Requester requester = gate.admit(request, Gate.WRITE);
        Optional<String> env = request.query("env");
        if (env.isEmpty() || env.get().isBlank()) {
            throw new ContainerError(
                    ErrorCode.INVALID_ENVIRONMENT,
                    "env: is required (the id of the container's environment)",
                    Map.of("field", "env"));
        }
        ContainerLocator.Scope scope = locator.scope(env, Optional.empty(), Optional.empty());
        try {
            return locator.locate(requester, scope, request.pathParam("id"), permission);
        } catch (RuntimeFailure failure) {
            throw Failures.of(failure, ErrorCode.CONTAINER_LIST_FAILED);
        }
    }
}
