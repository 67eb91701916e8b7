package dev.porthole.plugins.dockerssh.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.porthole.api.http.HttpError;
import dev.porthole.docker.engine.DaemonRefusal;
import dev.porthole.docker.engine.DockerEngine;
import dev.porthole.docker.transport.DialStdioException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Spec 000's container operations on one host. Every call is an Engine API request; ids are {@link ContainerRef}s,
 * validated before they get here. Failures are {@link HttpError}s with the spec's body ({@link DockerErrors}): 404 for
 * an unknown container, 400 for removing a running one without force or an ambiguous id prefix, 409 for an action
 * the container's state does not allow, 403/503 when Docker cannot be used on the host (the codes of {@link
 * #validate}), 500 with the daemon's message for the rest.
 */
public final class DockerOperations {
    /** Log bytes returned at most by default: enough for thousands of lines, small enough for any server. */
    public static final int DEFAULT_MAX_LOG_BYTES = 1024 * 1024;

    private final DockerEngine engine;
    private final LogCollector logs;

    public DockerOperations(DockerEngine engine, int maxLogBytes) {
        this.engine = engine;
        this.logs = new LogCollector(maxLogBytes);
    }

    /** Whether Docker answers here, and if not, whether it is missing, stopped or refusing us. */
    public Availability validate() {
        try {
            return Availability.of(engine.client().versionCmd().exec().getVersion());
        } catch (DialStdioException e) {
            return unavailable(e);
        } catch (DockerException e) {
            return Availability.notAnswering(message(e));
        }
    }

    /** All containers, or the running ones only. */
    public List<ContainerSummary> list(boolean all) {
        return call(null, () -> engine.client().listContainersCmd().withShowAll(all).exec().stream()
                .map(ContainerSummary::of)
                .toList());
    }

    /** The daemon's inspect document exactly as {@code docker inspect} prints it, as a JSON tree of JDK types. */
    public Map<String, Object> inspect(ContainerRef container) {
        return call(container, () -> toTree(engine.getJson("/containers/" + container.value() + "/json")));
    }

    /** Starting a running container succeeds, as {@code docker start} does. */
    public ActionResult start(ContainerRef container) {
        return action(
                container,
                () -> engine.client().startContainerCmd(container.value()).exec(),
                "started");
    }

    /** Stopping a stopped container succeeds, as {@code docker stop} does (dockerd 20.10 also stops a paused one). */
    public ActionResult stop(ContainerRef container) {
        return action(
                container,
                () -> engine.client().stopContainerCmd(container.value()).exec(),
                "stopped");
    }

    public ActionResult restart(ContainerRef container) {
        return action(
                container,
                () -> engine.client().restartContainerCmd(container.value()).exec(),
                "restarted");
    }

    public ActionResult pause(ContainerRef container) {
        return action(
                container,
                () -> engine.client().pauseContainerCmd(container.value()).exec(),
                "paused");
    }

    public ActionResult unpause(ContainerRef container) {
        return action(
                container,
                () -> engine.client().unpauseContainerCmd(container.value()).exec(),
                "unpaused");
    }

    /** Without {@code force}, a running container is refused with the spec's 400. */
    public ActionResult remove(ContainerRef container, boolean force) {
        return action(
                container,
                () -> {
                    try {
                        engine.client()
                                .removeContainerCmd(container.value())
                                .withForce(force)
                                .exec();
                    } catch (ConflictException e) {
                        if (message(e).toLowerCase(Locale.ROOT).contains("running")) {
                            throw DockerErrors.removeRunning();
                        }
                        throw e;
                    }
                },
                "removed");
    }

    /** The log, stdout and stderr in order, cut at the byte cap (and then marked truncated). */
    public LogsResult logs(ContainerRef container, LogsQuery query) {
        return call(container, () -> {
            boolean tty = engine.getJson("/containers/" + container.value() + "/json")
                    .path("Config")
                    .path("Tty")
                    .asBoolean(false);
            try (DockerHttpClient.Response response =
                    engine.get("/containers/" + container.value() + "/logs", query.apiParameters())) {
                return logs.collect(response.getBody(), tty);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** One sample (the daemon waits for a second one to compute the CPU delta, about a second). */
    public StatsSnapshot stats(ContainerRef container) {
        return call(
                container,
                () -> StatsCalculator.snapshot(
                        engine.getJson("/containers/" + container.value() + "/stats?stream=false")));
    }

    private ActionResult action(ContainerRef container, Runnable command, String pastTense) {
        return call(container, () -> {
            try {
                command.run();
            } catch (NotModifiedException e) {
                // 304: already in the asked state, which is what the caller wanted.
            }
            return ActionResult.done(pastTense);
        });
    }

    /**
     * Maps what docker-java, the engine and the transport throw to the spec's errors: the daemon's refusals by {@link
     * DockerErrors#fromDaemon}, a {@code dial-stdio} that could not reach the daemon as validate classifies it.
     *
     * @param container the container the request names, or null
     */
    private <T> T call(ContainerRef container, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (DockerException e) {
            throw DockerErrors.fromDaemon(e.getHttpStatus(), message(e), container);
        } catch (DaemonRefusal e) {
            throw DockerErrors.fromDaemon(e.status(), e.getMessage(), container);
        } catch (DialStdioException e) {
            throw DockerErrors.unavailable(unavailable(e));
        } catch (UncheckedIOException e) {
            throw DockerErrors.failed("reading the Docker daemon's answer failed: " + e.getMessage());
        }
    }

    /** Why a {@code dial-stdio} failed: by its exit when it ended, else the daemon did not answer. */
    private static Availability unavailable(DialStdioException e) {
        return e.exit()
                .map(exit -> Availability.failed(exit.status(), exit.stderr()))
                .orElseGet(() -> Availability.notAnswering(e.getMessage()));
    }

    /** docker-java's message is "Status 409: {json}"; the daemon's own sentence is the JSON's "message". */
    private String message(DockerException e) {
        String text = e.getMessage() == null ? "" : e.getMessage();
        int brace = text.indexOf('{');
        return brace < 0 ? text : engine.daemonMessage(text.substring(brace));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> toTree(JsonNode node) {
        return engine.json().convertValue(node, Map.class);
    }
}
