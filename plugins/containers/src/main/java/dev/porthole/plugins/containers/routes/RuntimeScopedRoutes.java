package dev.porthole.plugins.containers.routes;

import static dev.porthole.plugins.containers.errors.ErrorShapes.coded;

import dev.porthole.api.PluginContext;
import dev.porthole.api.http.Access;
import dev.porthole.api.http.Method;
import dev.porthole.api.http.Request;
import dev.porthole.api.http.Response;
import dev.porthole.plugins.containers.environments.ContainerLocator;
import dev.porthole.plugins.containers.environments.ContainerLocator.Located;
import dev.porthole.plugins.containers.environments.ContainerLocator.Scope;
import dev.porthole.plugins.containers.environments.Endpoints;
import dev.porthole.plugins.containers.environments.Environment;
import dev.porthole.plugins.containers.errors.ContainerError;
import dev.porthole.plugins.containers.errors.ErrorCode;
import dev.porthole.plugins.containers.errors.Failures;
import dev.porthole.plugins.containers.gate.Gate;
import dev.porthole.plugins.containers.gate.Requester;
import dev.porthole.plugins.containers.inspect.SecretRedaction;
import dev.porthole.plugins.containers.operations.Operation;
import dev.porthole.plugins.containers.operations.Operations;
import dev.porthole.plugins.containers.permissions.Grants;
import dev.porthole.plugins.containers.permissions.Permission;
import dev.porthole.plugins.containers.spi.ContainerAction;
import dev.porthole.plugins.containers.spi.ContainerInfo;
import dev.porthole.plugins.containers.spi.ContainerState;
import dev.porthole.plugins.containers.spi.RuntimeEndpoint;
import dev.porthole.plugins.containers.spi.RuntimeFailure;
import dev.porthole.plugins.containers.work.Fanout;
import dev.porthole.plugins.containers.work.Outcome;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Spec 004 (Nekzus) over every environment the caller may see: the list, inspect (Docker's own document, secret
 * environment values masked unless the caller holds {@code reveal}), stats, and the asynchronous lifecycle: {@code 202}
 * with an {@code operationId} at once, the outcome later on the caller's sockets and the events hub, and at {@code GET
 * /api/v1/operations/{id}}. A start of a running container and a stop of a stopped one are refused with 409 before
 * anything is started.
 */
public final class RuntimeScopedRoutes {
    static final String PATH = "/api/v1/containers";
    static final int DEFAULT_TIMEOUT = 10;
    static final int MAX_TIMEOUT = 300;
    /** Stats of all running containers are read this many at once: each one-shot sample takes the daemon ~1-2 s. */
    private static final int STATS_AT_ONCE = 8;

    private final Gate gate;
    private final ContainerLocator locator;
    private final Endpoints endpoints;
    private final Grants grants;
    private final Operations operations;
    private final Clock clock;
    private final Executor executor;

    public RuntimeScopedRoutes(
            Gate gate,
            ContainerLocator locator,
            Endpoints endpoints,
            Grants grants,
            Operations operations,
            Clock clock,
            Executor executor) {
        this.gate = gate;
        this.locator = locator;
        this.endpoints = endpoints;
        this.grants = grants;
        this.operations = operations;
        this.clock = clock;
        this.executor = executor;
    }

    public void register(PluginContext context) {
        Access anyone = Access.anonymous();
        context.route(Method.GET, PATH, anyone, coded(this::list));
        context.route(Method.GET, PATH + "/stats", anyone, coded(this::allStats));
        context.route(Method.GET, PATH + "/{id}", anyone, coded(this::inspect));
        context.route(Method.GET, PATH + "/{id}/stats", anyone, coded(this::stats));
        for (ContainerAction action : List.of(ContainerAction.START, ContainerAction.STOP, ContainerAction.RESTART)) {
            context.route(Method.POST, PATH + "/{id}/" + action.word(), anyone, coded(r -> act(r, action)));
        }
        context.route(Method.GET, "/api/v1/operations/{id}", anyone, coded(this::operation));
    }

    /** The scope parameters of a request: {@code env}, {@code runtime}, {@code namespace}. */
    Scope scope(Request request) {
        return locator.scope(request.query("env"), request.query("runtime"), request.query("namespace"));
    }

    /**
     * Every container of the environments the caller may view. An environment whose runtime fails is left out and
     * named in {@code X-Porthole-Unavailable-Environments}, unless it is the one {@code env} asked for.
     */
    private Response list(Request request) {
        Requester requester = gate.admit(request, Gate.READ);
        Scope scope = scope(request);
        java.util.function.Predicate<ContainerInfo> labelled = LabelFilter.of(request);
        List<Environment> visible = locator.environments(requester, scope, Permission.VIEW);
        List<Outcome<List<Map<String, Object>>>> lists =
                Fanout.map(visible, visible.size(), executor, e -> Outcome.of(() -> list(e, scope, labelled)));
        List<Object> all = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        for (int i = 0; i < lists.size(); i++) {
            Outcome<List<Map<String, Object>>> outcome = lists.get(i);
            if (outcome.error() == null) {
                all.addAll(outcome.value());
            } else if (scope.environmentId().isPresent()) {
                throw outcome.error();
            } else {
                unavailable.add(Long.toString(visible.get(i).id()));
            }
        }
        Response response = Response.ok(all);
        return unavailable.isEmpty()
                ? response
                : response.header("X-Porthole-Unavailable-Environments", String.join(",", unavailable));
    }

    private List<Map<String, Object>> list(
            Environment environment, Scope scope, java.util.function.Predicate<ContainerInfo> labelled) {
        try {
            return endpoints.of(environment).list(scope.namespace()).stream()
                    .filter(labelled)
                    .map(c -> Views.container(c, environment, environment.runtime()))
                    .toList();
        } catch (RuntimeFailure failure) {
            throw Failures.of(failure, ErrorCode.CONTAINER_LIST_FAILED);
        }
    }

    private Response inspect(Request request) {
        Requester requester = gate.admit(request, Gate.READ);
        Located target = locate(request, requester, Permission.VIEW);
        Object document;
        try {
            document = target.endpoint().inspect(target.container().fullId(), target.namespace());
        } catch (RuntimeFailure failure) {
            throw Failures.of(failure, ErrorCode.CONTAINER_INSPECT_FAILED);
        }
        boolean reveal = grants.allows(requester, target.environment(), Permission.REVEAL);
        return Response.ok(reveal ? document : SecretRedaction.redact(document).document());
    }

    private Response stats(Request request) {
        Requester requester = gate.admit(request, Gate.READ);
        Located target = locate(request, requester, Permission.VIEW);
        return Response.ok(sample(target.endpoint(), target.container()));
    }

    /** A running container and where it runs, for the fan-out of {@link #allStats}. */
    private record Running(RuntimeEndpoint endpoint, ContainerInfo container) {}

    /**
     * Stats of every running container the caller may view; stopped ones are left out, as the spec says, and so are
     * environments and containers that fail meanwhile (a container that stopped between list and sample).
     */
    private Response allStats(Request request) {
        Requester requester = gate.admit(request, Gate.READ);
        Scope scope = scope(request);
        List<Running> running = new ArrayList<>();
        for (Environment environment : locator.environments(requester, scope, Permission.VIEW)) {
            Outcome<List<Running>> listed = Outcome.of(() -> {
                RuntimeEndpoint endpoint = endpoints.of(environment);
                return endpoint.list(scope.namespace()).stream()
                        .filter(c -> c.state() == ContainerState.RUNNING)
                        .map(c -> new Running(endpoint, c))
                        .toList();
            });
            if (listed.error() == null) {
                running.addAll(listed.value());
            }
        }
        List<Outcome<Map<String, Object>>> samples = Fanout.map(
                running, STATS_AT_ONCE, executor, r -> Outcome.of(() -> sample(r.endpoint(), r.container())));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(
                "containers",
                samples.stream()
                        .filter(o -> o.error() == null)
                        .map(Outcome::value)
                        .toList());
        body.put("timestamp", clock.instant().getEpochSecond());
        return Response.ok(body);
    }

    private Map<String, Object> sample(RuntimeEndpoint endpoint, ContainerInfo container) {
        try {
            return Views.stats(
                    container.id(),
                    endpoint.stats(
                            container.fullId(),
                            container.namespace().isEmpty() ? Optional.empty() : Optional.of(container.namespace())));
        } catch (RuntimeFailure failure) {
            throw Failures.of(failure, ErrorCode.CONTAINER_STATS_FAILED);
        }
    }

    private Response act(Request request, ContainerAction action) {
        Requester requester = gate.admit(request, Gate.WRITE);
        int timeout = timeout(request);
        Located target = locate(request, requester, EnvironmentScopedRoutes.permissionFor(action));
        if (action == ContainerAction.START && target.container().state().isUp()) {
            throw new ContainerError(
                    ErrorCode.CONTAINER_ALREADY_STARTED,
                    "container '" + target.container().name() + "' is already running");
        }
        if (action == ContainerAction.STOP && !target.container().state().isUp()) {
            throw new ContainerError(
                    ErrorCode.CONTAINER_ALREADY_STOPPED,
                    "container '" + target.container().name() + "' is already stopped");
        }
        Operation operation = operations.submit(requester, action, target, timeout);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "accepted");
        body.put("containerId", target.container().id());
        body.put("message", "Container " + action.word() + " initiated");
        if (action != ContainerAction.START) {
            body.put("timeout", timeout);
        }
        body.put("timestamp", operation.createdAt());
        body.put("operationId", operation.id());
        return Response.json(202, body);
    }

    private Response operation(Request request) {
        Requester requester = gate.admit(request, Gate.READ);
        String id = request.pathParam("id");
        Operation operation = operations
                .find(id, requester)
                .orElseThrow(() -> new ContainerError(ErrorCode.OPERATION_NOT_FOUND, "no operation '" + id + "'"));
        return Response.ok(operation);
    }

    /** {@code timeout}: 1-300 seconds, 10 when left out; anything else is 400 INVALID_TIMEOUT. */
    static int timeout(Request request) {
        Optional<String> text = request.query("timeout");
        if (text.isEmpty()) {
            return DEFAULT_TIMEOUT;
        }
        try {
            int value = Integer.parseInt(text.get().trim());
            if (value >= 1 && value <= MAX_TIMEOUT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw invalidTimeout(text.get());
    }

    static ContainerError invalidTimeout(Object value) {
        return new ContainerError(
                ErrorCode.INVALID_TIMEOUT,
                "timeout: must be between 1 and " + MAX_TIMEOUT + " seconds, not '" + value + "'",
                Map.of("field", "timeout"));
    }

    private Located locate(Request request, Requester requester, Permission permission) {
        try {
            return locator.locate(requester, scope(request), request.pathParam("id"), permission);
        } catch (RuntimeFailure failure) {
            throw Failures.of(failure, ErrorCode.CONTAINER_LIST_FAILED);
        }
    }
}
