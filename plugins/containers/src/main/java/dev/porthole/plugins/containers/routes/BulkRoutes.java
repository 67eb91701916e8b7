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
import dev.porthole.plugins.containers.operations.Notifier;
import dev.porthole.plugins.containers.spi.ContainerAction;
import dev.porthole.plugins.containers.spi.ContainerInfo;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Spec 004's bulk operations: {@code start-all} (the stopped containers), {@code stop-all} (the running ones), {@code
 * restart-all} (every one), each over the environments where the caller may take the action, and {@code batch} over
 * named containers. At most {@link #AT_ONCE} run at once; each container's outcome is in the answer, and a {@code
 * container.bulk.progress} notification follows each one while the rest run.
 */
public final class BulkRoutes {
    static final int AT_ONCE = 5;
    private static final String PATH = RuntimeScopedRoutes.PATH;

    private final Gate gate;
    private final ContainerLocator locator;
    private final Endpoints endpoints;
    private final Notifier notifier;
    private final Clock clock;
    private final java.util.concurrent.Executor executor;

    public BulkRoutes(
            Gate gate,
            ContainerLocator locator,
            Endpoints endpoints,
            Notifier notifier,
            Clock clock,
            java.util.concurrent.Executor executor) {
        this.gate = gate;
        this.locator = locator;
        this.endpoints = endpoints;
        this.notifier = notifier;
        this.clock = clock;
        this.executor = executor;
    }

    /** The body of {@code POST /api/v1/containers/batch}. */
    record BatchBody(Optional<String> action, Optional<List<String>> containerIds, Optional<Object> timeout) {}

    /** One container to act on, and where. */
    private record Target(Environment environment, RuntimeEndpoint endpoint, ContainerInfo container) {}

    /** A container as it was asked for, and where it was found, or why not. */
    private record Item(String asked, Outcome<Target> target) {}

    public void register(PluginContext context) {
        Access anyone = Access.anonymous();
        context.route(
                Method.POST,
                PATH + "/start-all",
                anyone,
                coded(r -> all(r, ContainerAction.START, c -> !c.state().isUp())));
        context.route(
                Method.POST,
                PATH + "/stop-all",
                anyone,
                coded(r -> all(r, ContainerAction.STOP, c -> c.state().isUp())));
        context.route(
                Method.POST, PATH + "/restart-all", anyone, coded(r -> all(r, ContainerAction.RESTART, c -> true)));
        context.route(Method.POST, PATH + "/batch", anyone, coded(this::batch));
    }

    private Response all(Request request, ContainerAction action, Predicate<ContainerInfo> selected) {
        Requester requester = gate.admit(request, Gate.WRITE);
        int timeout = RuntimeScopedRoutes.timeout(request);
        Scope scope = locator.scope(request.query("env"), request.query("runtime"), request.query("namespace"));
        Predicate<ContainerInfo> chosen = selected.and(LabelFilter.of(request));
        List<Target> targets = new ArrayList<>();
        for (Environment environment :
                locator.environments(requester, scope, EnvironmentScopedRoutes.permissionFor(action))) {
            try {
                RuntimeEndpoint endpoint = endpoints.of(environment);
                endpoint.list(scope.namespace()).stream()
                        .filter(chosen)
                        .forEach(c -> targets.add(new Target(environment, endpoint, c)));
            } catch (RuntimeFailure failure) {
                throw Failures.of(failure, ErrorCode.CONTAINER_LIST_FAILED);
            }
        }
        String word = action.word();
        String label = Character.toUpperCase(word.charAt(0)) + word.substring(1) + " all operation completed";
        return Response.ok(run(
                requester,
                word + "-all",
                action,
                timeout,
                label,
                targets.stream()
                        .map(t -> new Item(t.container().id(), new Outcome<>(t, null)))
                        .toList()));
    }

    /** Every named container is looked up first; one not found is a failed result, the others still run. */
    private Response batch(Request request) {
        Requester requester = gate.admit(request, Gate.WRITE);
        BatchBody body = request.body(BatchBody.class);
        ContainerAction action = body.action()
                .filter(a -> List.of("start", "stop", "restart").contains(a))
                .map(a -> ContainerAction.valueOf(a.toUpperCase(java.util.Locale.ROOT)))
                .orElseThrow(() -> new ContainerError(
                        ErrorCode.INVALID_ACTION, "action: must be start, stop or restart", Map.of("field", "action")));
        List<String> ids = body.containerIds().orElse(List.of());
        if (ids.isEmpty()) {
            throw new ContainerError(
                    ErrorCode.EMPTY_CONTAINER_LIST,
                    "containerIds: at least one container id is required",
                    Map.of("field", "containerIds"));
        }
        for (int i = 0; i < ids.size(); i++) {
            try {
                ContainerLocator.containerId(ids.get(i));
            } catch (ContainerError e) {
                throw new ContainerError(
                        ErrorCode.INVALID_CONTAINER_ID,
                        "containerIds[" + i + "]: " + e.getMessage().replaceFirst("^containerId: ", ""),
                        Map.of("field", "containerIds[" + i + "]"));
            }
        }
        int timeout = body.timeout().map(BulkRoutes::timeout).orElse(RuntimeScopedRoutes.DEFAULT_TIMEOUT);
        Scope scope = locator.scope(request.query("env"), request.query("runtime"), request.query("namespace"));
        List<Item> items = ids.stream()
                .distinct()
                .map(id -> new Item(id, Outcome.of(() -> find(requester, scope, id, action))))
                .toList();
        return Response.ok(run(requester, "batch", action, timeout, "Batch operation completed", items));
    }

    private Target find(Requester requester, Scope scope, String id, ContainerAction action) {
        try {
            Located located = locator.locate(requester, scope, id, EnvironmentScopedRoutes.permissionFor(action));
            return new Target(located.environment(), located.endpoint(), located.container());
        } catch (RuntimeFailure failure) {
            throw Failures.of(failure, ErrorCode.CONTAINER_LIST_FAILED);
        }
    }

    private Map<String, Object> run(
            Requester requester,
            String operation,
            ContainerAction action,
            int timeout,
            String message,
            List<Item> items) {
        AtomicInteger done = new AtomicInteger();
        int total = items.size();
        List<Map<String, Object>> results = Fanout.map(items, AT_ONCE, executor, item -> {
            Map<String, Object> result = result(item, action, timeout);
            Map<String, Object> progress = new LinkedHashMap<>(result);
            progress.put("operation", operation);
            progress.put("done", done.incrementAndGet());
            progress.put("total", total);
            progress.put("timestamp", clock.instant().getEpochSecond());
            notifier.notify(requester, "container.bulk.progress", progress);
            return result;
        });
        long succeeded = results.stream()
                .filter(r -> Boolean.TRUE.equals(r.get("success")))
                .count();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", message);
        body.put("total", total);
        body.put("success", succeeded);
        body.put("failed", total - succeeded);
        body.put("results", results);
        return body;
    }

    private static Map<String, Object> result(Item item, ContainerAction action, int timeout) {
        Map<String, Object> result = new LinkedHashMap<>();
        Outcome<Target> target = item.target();
        if (!target.ok()) {
            result.put("id", item.asked());
            result.put("name", item.asked());
            result.put("success", false);
            result.put("error", target.error().getMessage());
            return result;
        }
        ContainerInfo container = target.value().container();
        result.put("id", container.id());
        result.put("name", container.name());
        try {
            Optional<String> namespace =
                    container.namespace().isEmpty() ? Optional.empty() : Optional.of(container.namespace());
            target.value().endpoint().act(container.fullId(), namespace, action, timeout);
            result.put("success", true);
        } catch (RuntimeFailure failure) {
            result.put("success", false);
            result.put("error", failure.getMessage());
        }
        return result;
    }

    private static int timeout(Object value) {
        if (value instanceof Number number
                && number.doubleValue() == Math.rint(number.doubleValue())
                && number.intValue() >= 1
                && number.intValue() <= RuntimeScopedRoutes.MAX_TIMEOUT) {
            return number.intValue();
        }
        throw RuntimeScopedRoutes.invalidTimeout(value);
    }
}
