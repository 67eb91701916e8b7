package dev.porthole.plugins.containers.admin;

import static dev.porthole.plugins.containers.errors.ErrorShapes.coded;

import dev.porthole.api.Caller;
import dev.porthole.api.PluginContext;
import dev.porthole.api.hosts.Host;
import dev.porthole.api.hosts.HostAccess;
import dev.porthole.api.hosts.Hosts;
import dev.porthole.api.http.Access;
import dev.porthole.api.http.Method;
import dev.porthole.api.http.Request;
import dev.porthole.api.http.Response;
import dev.porthole.plugins.containers.environments.Endpoints;
import dev.porthole.plugins.containers.environments.Environment;
import dev.porthole.plugins.containers.environments.EnvironmentStore;
import dev.porthole.plugins.containers.environments.Health;
import dev.porthole.plugins.containers.environments.HealthBoard;
import dev.porthole.plugins.containers.environments.Runtimes;
import dev.porthole.plugins.containers.errors.ContainerError;
import dev.porthole.plugins.containers.errors.ErrorCode;
import dev.porthole.plugins.containers.gate.Gate;
import dev.porthole.plugins.containers.permissions.Permission;
import dev.porthole.plugins.containers.permissions.PermissionStore;
import dev.porthole.plugins.containers.spi.ContainerRuntime;
import dev.porthole.plugins.containers.spi.InvalidEndpointException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * {@code /api/environments}: admins set up the container endpoints (the local socket, or an inventory host with Docker
 * enabled, reached over SSH) and who may do what in each. An endpoint that cannot be reached is stored all the same and
 * shown down with the reason; settings the runtime cannot work with are a 400 naming the setting, and nothing is
 * stored. Users see the environments they hold a permission in, with their own permissions.
 */
public final class EnvironmentRoutes {
    static final String PATH = "/api/environments";
    private static final int MAX_NAME = 100;
    private static final Access READ = Access.authenticated().withScope(Gate.READ);
    private static final Access ADMIN = Access.roles(Access.ROLE_ADMIN).withScope(Gate.WRITE);

    private final EnvironmentStore environments;
    private final PermissionStore permissions;
    private final HealthBoard health;
    private final Endpoints endpoints;
    private final Runtimes runtimes;
    private final Hosts hosts;
    private final Clock clock;
    private final Executor executor;

    public EnvironmentRoutes(
            EnvironmentStore environments,
            PermissionStore permissions,
            HealthBoard health,
            Endpoints endpoints,
            Runtimes runtimes,
            Hosts hosts,
            Clock clock,
            Executor executor) {
        this.environments = environments;
        this.permissions = permissions;
        this.health = health;
        this.endpoints = endpoints;
        this.runtimes = runtimes;
        this.hosts = hosts;
        this.clock = clock;
        this.executor = executor;
    }

    /** The body of a create or a full update. */
    record EnvironmentBody(
            String name, Optional<String> runtime, Optional<Long> hostId, Optional<Map<String, String>> endpoint) {}

    record Grant(long userId, List<String> actions) {}

    record GrantsBody(List<Grant> permissions) {}

    public void register(PluginContext context) {
        context.route(Method.GET, PATH, READ, coded(this::list));
        context.route(Method.POST, PATH, ADMIN, coded(this::create));
        context.route(Method.GET, PATH + "/{id}", READ, coded(this::get));
        context.route(Method.PUT, PATH + "/{id}", ADMIN, coded(this::update));
        context.route(Method.DELETE, PATH + "/{id}", ADMIN, coded(this::delete));
        context.route(Method.POST, PATH + "/{id}/check", READ, coded(this::check));
        context.route(Method.GET, PATH + "/{id}/permissions", ADMIN, coded(this::grants));
        context.route(Method.PUT, PATH + "/{id}/permissions", ADMIN, coded(this::replaceGrants));
    }

    private Response list(Request request) {
        Caller caller = request.requireCaller();
        return Response.ok(environments.all().stream()
                .filter(e -> caller.isAdmin()
                        || !permissions.granted(e.id(), caller.userId()).isEmpty())
                .map(e -> view(e, caller))
                .toList());
    }

    private Response get(Request request) {
        Caller caller = request.requireCaller();
        return Response.ok(view(visible(request, caller), caller));
    }

    private Response check(Request request) {
        Caller caller = request.requireCaller();
        Environment environment = visible(request, caller);
        health.check(environment);
        return Response.ok(view(environment, caller));
    }

    private Response create(Request request) {
        Caller caller = request.requireCaller();
        Environment draft = draft(request.body(EnvironmentBody.class), caller, 0);
        Environment created = environments.create(draft, clock.millis());
        executor.execute(() -> health.check(created));
        return Response.json(201, view(created, caller));
    }

    private Response update(Request request) {
        Caller caller = request.requireCaller();
        Environment current = existing(request);
        Environment draft = draft(request.body(EnvironmentBody.class), caller, current.id());
        Environment updated = environments.update(current, draft);
        endpoints.forget(current);
        health.forget(current.id());
        executor.execute(() -> health.check(updated));
        return Response.ok(view(updated, caller));
    }

    private Response delete(Request request) {
        Environment current = existing(request);
        environments.delete(current.id());
        permissions.forget(current.id());
        health.forget(current.id());
        endpoints.forget(current);
        return Response.status(204);
    }

    private Response grants(Request request) {
        Environment environment = existing(request);
        return Response.ok(grantsView(environment));
    }

    /** Replaces every grant of the environment; one bad entry refuses the whole body, and nothing changes. */
    private Response replaceGrants(Request request) {
        Environment environment = existing(request);
        GrantsBody body = request.body(GrantsBody.class);
        Map<Long, Set<Permission>> next = new LinkedHashMap<>();
        for (int i = 0; i < body.permissions().size(); i++) {
            Grant grant = body.permissions().get(i);
            String field = "permissions[" + i + "]";
            if (grant.userId() <= 0) {
                throw ContainerError.badField(field + ".userId", "must be a user id (a positive whole number)");
            }
            if (next.containsKey(grant.userId())) {
                throw ContainerError.badField(
                        field + ".userId", "user " + grant.userId() + " is listed twice; give each user one entry");
            }
            Set<Permission> actions = EnumSet.noneOf(Permission.class);
            for (int j = 0; j < grant.actions().size(); j++) {
                String word = grant.actions().get(j);
                actions.add(Permission.parse(word)
                        .orElseThrow(() -> ContainerError.badField(
                                field + ".actions", "'" + word + "' is not an action; use " + Permission.words())));
            }
            next.put(grant.userId(), actions);
        }
        permissions.replace(environment.id(), next);
        return Response.ok(grantsView(environment));
    }

    private Map<String, Object> grantsView(Environment environment) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("environmentId", environment.id());
        body.put(
                "permissions",
                permissions.of(environment.id()).entrySet().stream()
                        .map(e -> Map.of("userId", e.getKey(), "actions", words(e.getValue())))
                        .toList());
        return body;
    }

    /** Checks a body into an environment to store; {@code id} is 0 for a new one. */
    private Environment draft(EnvironmentBody body, Caller caller, long id) {
        String name = body.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw ContainerError.badField(
                    "name", "must be 1 to " + MAX_NAME + " characters, without control characters");
        }
        String runtimeName = body.runtime().orElse("docker");
        if (!Runtimes.KNOWN.contains(runtimeName)) {
            throw new ContainerError(
                    ErrorCode.INVALID_RUNTIME,
                    "runtime: '" + runtimeName + "' is not a runtime; use one of " + String.join(", ", Runtimes.KNOWN),
                    Map.of("field", "runtime"));
        }
        ContainerRuntime runtime = runtimes.find(runtimeName)
                .orElseThrow(() -> new ContainerError(
                        ErrorCode.RUNTIME_UNAVAILABLE,
                        "runtime: no running plugin offers the " + runtimeName
                                + " runtime, so its settings cannot be checked; install or enable its plugin first",
                        Map.of("field", "runtime")));
        body.hostId().ifPresent(hostId -> requireDockerHost(caller, hostId, runtimeName));
        Map<String, String> endpoint = body.endpoint().orElse(Map.of());
        try {
            runtime.check(endpoint, body.hostId().isPresent());
        } catch (InvalidEndpointException e) {
            throw ContainerError.badField("endpoint." + e.setting(), e.getMessage());
        }
        return new Environment(id, name, runtimeName, body.hostId(), endpoint, 0, 0);
    }

    /** The admin must be able to use the host (the inventory's own check: 404 or 403), and it must run Docker. */
    private void requireDockerHost(Caller caller, long hostId, String runtime) {
        Host host = hosts.require(caller, hostId, HostAccess.USE);
        if (runtime.equals("docker") && !host.enableDocker()) {
            throw ContainerError.badField(
                    "hostId",
                    "host " + hostId + " (" + host.name() + ") does not have Docker enabled in the inventory");
        }
    }

    private Environment existing(Request request) {
        long id = id(request);
        return environments
                .find(id)
                .orElseThrow(() -> new ContainerError(ErrorCode.ENVIRONMENT_NOT_FOUND, "no environment " + id));
    }

    /** An environment the caller holds no permission in is answered as one that does not exist. */
    private Environment visible(Request request, Caller caller) {
        long id = id(request);
        return environments
                .find(id)
                .filter(e -> caller.isAdmin()
                        || !permissions.granted(e.id(), caller.userId()).isEmpty())
                .orElseThrow(() -> new ContainerError(ErrorCode.ENVIRONMENT_NOT_FOUND, "no environment " + id));
    }

    private static long id(Request request) {
        String text = request.pathParam("id");
        try {
            long id = Long.parseLong(text);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ContainerError(
                ErrorCode.INVALID_ENVIRONMENT,
                "id: '" + text + "' is not an environment id (a positive whole number)",
                Map.of("field", "id"));
    }

    private Map<String, Object> view(Environment environment, Caller caller) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", environment.id());
        body.put("name", environment.name());
        body.put("runtime", environment.runtime());
        body.put("hostId", environment.hostId().orElse(null));
        body.put("endpoint", environment.endpoint());
        Health now = health.of(environment.id());
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("state", now.state());
        status.put("reason", now.reason());
        status.put("version", now.version());
        status.put("checkedAt", now.checkedAt());
        body.put("health", status);
        Set<Permission> yours = EnumSet.noneOf(Permission.class);
        yours.addAll(permissions.granted(environment.id(), caller.userId()));
        if (caller.isAdmin()) {
            yours.addAll(EnumSet.complementOf(EnumSet.of(Permission.REVEAL)));
        }
        body.put("yourPermissions", words(yours));
        return body;
    }

    private static List<String> words(Set<Permission> actions) {
        return actions.stream().sorted().map(Permission::word).toList();
    }
}
