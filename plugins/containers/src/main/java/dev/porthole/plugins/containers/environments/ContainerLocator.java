package dev.porthole.plugins.containers.environments;

import dev.porthole.plugins.containers.errors.ContainerError;
import dev.porthole.plugins.containers.errors.ErrorCode;
import dev.porthole.plugins.containers.gate.Requester;
import dev.porthole.plugins.containers.permissions.Grants;
import dev.porthole.plugins.containers.permissions.Permission;
import dev.porthole.plugins.containers.spi.ContainerInfo;
import dev.porthole.plugins.containers.spi.RuntimeEndpoint;
import dev.porthole.plugins.containers.spi.RuntimeFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which environments a request may reach and which container it means. An environment the requester may not take the
 * action in is refused as one that does not exist (403 either way), so ids cannot be probed. Without {@code env}, a
 * container is looked for in every environment of the runtime the requester may act in; a name found in two is a 409
 * that asks for {@code env}.
 */
public final class ContainerLocator {
    /** Docker ids and names, and Kubernetes pod names: checked before an id reaches a runtime. */
    private static final Pattern CONTAINER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,252}");

    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private final EnvironmentStore environments;
    private final Endpoints endpoints;
    private final Grants grants;

    public ContainerLocator(EnvironmentStore environments, Endpoints endpoints, Grants grants) {
        this.environments = environments;
        this.endpoints = endpoints;
        this.grants = grants;
    }

    /** What a request names: the {@code env}, {@code runtime} and {@code namespace} parameters, each optional. */
    public record Scope(Optional<Long> environmentId, Optional<String> runtime, Optional<String> namespace) {
        public static final Scope ANY = new Scope(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** A container found: its environment, the endpoint, and the runtime's view of it. */
    public record Located(Environment environment, RuntimeEndpoint endpoint, ContainerInfo container) {
        public Optional<String> namespace() {
            return container.namespace().isEmpty() ? Optional.empty() : Optional.of(container.namespace());
        }
    }

    /** Reads and checks the scope parameters; each bad one is a 400 naming it. */
    public Scope scope(Optional<String> env, Optional<String> runtime, Optional<String> namespace) {
        Optional<Long> environmentId = env.map(text -> {
            try {
                long id = Long.parseLong(text.trim());
                if (id > 0) {
                    return id;
                }
            } catch (NumberFormatException e) {
                // answered below
            }
            throw new ContainerError(
                    ErrorCode.INVALID_ENVIRONMENT,
                    "env: '" + text + "' is not an environment id (a positive whole number)",
                    Map.of("field", "env"));
        });
        runtime.ifPresent(name -> {
            if (!Runtimes.KNOWN.contains(name)) {
                throw new ContainerError(
                        ErrorCode.INVALID_RUNTIME,
                        "runtime: '" + name + "' is not a runtime; use one of " + String.join(", ", Runtimes.KNOWN),
                        Map.of("field", "runtime"));
            }
        });
        namespace.ifPresent(ns -> {
            if (!NAMESPACE.matcher(ns).matches()) {
                throw new ContainerError(
                        ErrorCode.INVALID_REQUEST,
                        "namespace: '" + ns + "' is not a Kubernetes namespace name",
                        Map.of("field", "namespace"));
            }
        });
        return new Scope(environmentId, runtime, namespace);
    }

    /** {@return the container id, checked: 400 INVALID_CONTAINER_ID for an empty or malformed one} */
    public static String containerId(String id) {
        if (id == null || id.isBlank()) {
            throw new ContainerError(ErrorCode.INVALID_CONTAINER_ID, "containerId: a container id is required");
        }
        if (!CONTAINER_ID.matcher(id).matches()) {
            throw new ContainerError(
                    ErrorCode.INVALID_CONTAINER_ID,
                    "containerId: '" + abbreviate(id) + "' is not a container id or name"
                            + " (letters, digits, '_', '.', '-')",
                    Map.of("field", "containerId"));
        }
        return id;
    }

    /**
     * The environments of the scope where the requester may take {@code permission}.
     *
     * @throws ContainerError 403 for a named environment the requester may not act in or that does not exist; 500
     *     NO_RUNTIME when no environment of the runtime is set up at all
     */
    public List<Environment> environments(Requester requester, Scope scope, Permission permission) {
        if (scope.environmentId().isPresent()) {
            Environment environment = environments
                    .find(scope.environmentId().get())
                    .filter(e -> grants.allows(requester, e, permission))
                    .orElseThrow(() -> denied(scope.environmentId().get(), permission));
            if (scope.runtime().isPresent() && !scope.runtime().get().equals(environment.runtime())) {
                throw new ContainerError(
                        ErrorCode.INVALID_RUNTIME,
                        "runtime: environment " + environment.id() + " runs " + environment.runtime() + ", not "
                                + scope.runtime().get(),
                        Map.of("field", "runtime"));
            }
            return List.of(environment);
        }
        String runtime = scope.runtime().orElseGet(this::primaryRuntime);
        List<Environment> ofRuntime = environments.all().stream()
                .filter(e -> e.runtime().equals(runtime))
                .toList();
        if (ofRuntime.isEmpty()) {
            throw new ContainerError(
                    ErrorCode.NO_RUNTIME, "no " + runtime + " environment is set up; an admin adds one first");
        }
        return ofRuntime.stream()
                .filter(e -> grants.allows(requester, e, permission))
                .toList();
    }

    /**
     * The container {@code id} names, in the one environment of the scope that has it.
     *
     * @throws ContainerError 404 when none has it, 409 when two do, 403 as {@link #environments}
     */
    public Located locate(Requester requester, Scope scope, String id, Permission permission) {
        containerId(id);
        List<Environment> candidates = environments(requester, scope, permission);
        if (candidates.isEmpty()) {
            throw new ContainerError(
                    ErrorCode.PERMISSION_DENIED, "you may not " + permission.word() + " containers in any environment");
        }
        List<Located> found = new ArrayList<>();
        RuntimeException firstFailure = null;
        for (Environment environment : candidates) {
            try {
                RuntimeEndpoint endpoint = endpoints.of(environment);
                find(endpoint, id, scope.namespace())
                        .ifPresent(container -> found.add(new Located(environment, endpoint, container)));
            } catch (ContainerError | RuntimeFailure e) {
                if (candidates.size() == 1) {
                    throw e;
                }
                firstFailure = firstFailure == null ? e : firstFailure;
            }
        }
        if (found.size() > 1) {
            throw new ContainerError(
                    ErrorCode.AMBIGUOUS_CONTAINER,
                    "container '" + id + "' exists in environments "
                            + found.stream()
                                    .map(l -> Long.toString(l.environment().id()))
                                    .toList()
                            + "; name one with ?env=");
        }
        if (found.isEmpty()) {
            if (firstFailure != null) {
                throw firstFailure;
            }
            throw new ContainerError(ErrorCode.CONTAINER_NOT_FOUND, "container '" + id + "' not found");
        }
        return found.get(0);
    }

    /** A container by full id, unique id prefix, or name. */
    public static Optional<ContainerInfo> find(RuntimeEndpoint endpoint, String id, Optional<String> namespace) {
        List<ContainerInfo> all = endpoint.list(namespace);
        Optional<ContainerInfo> byName =
                all.stream().filter(c -> c.name().equals(id)).findFirst();
        if (byName.isPresent()) {
            return byName;
        }
        List<ContainerInfo> byId =
                all.stream().filter(c -> c.fullId().startsWith(id)).toList();
        return byId.size() == 1 ? Optional.of(byId.get(0)) : Optional.empty();
    }

    /** The runtime of the oldest environment: the one a request without {@code runtime} means. */
    private String primaryRuntime() {
        return environments.all().stream().findFirst().map(Environment::runtime).orElse("docker");
    }

    private static ContainerError denied(long environmentId, Permission permission) {
        return new ContainerError(
                ErrorCode.PERMISSION_DENIED,
                "you may not " + permission.word() + " containers in environment " + environmentId
                        + ", or it does not exist");
    }

    private static String abbreviate(String id) {
        return id.length() <= 40 ? id : id.substring(0, 40) + "…";
    }
}
