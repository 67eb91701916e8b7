package dev.porthole.plugins.dockerruntime.docker;

import com.github.dockerjava.api.exception.DockerException;
import dev.porthole.docker.engine.DaemonRefusal;
import dev.porthole.docker.engine.DockerEngine;
import dev.porthole.plugins.containers.spi.ContainerAction;
import dev.porthole.plugins.containers.spi.RuntimeFailure;
import dev.porthole.plugins.containers.spi.RuntimeFailure.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * What a failed Engine API call means in the SPI's terms, with the daemon's own words: docker-java's exceptions and
 * the engine's {@link DaemonRefusal}s by status, the transport's {@link UncheckedIOException}s as an endpoint that
 * cannot be reached.
 */
final class Failures {
    /**
     * dockerd 20.10 refuses some actions that the container's state does not allow with 500 rather than 409 (unpause
     * of a container that is not paused); later daemons say 409. Its words for those refusals.
     */
    private static final List<String> STATE_CONFLICTS = List.of(
            "is not paused",
            "is not running",
            "is already paused",
            "is restarting",
            "a paused container",
            "a running container");

    private final String where;
    private final DockerEngine engine;

    /**
     * @param where the endpoint in words, e.g. "the Docker socket /var/run/docker.sock"
     * @param engine reads the daemon's message out of docker-java's exceptions
     */
    Failures(String where, DockerEngine engine) {
        this.where = where;
        this.engine = engine;
    }

    /**
     * @param e what the call threw
     * @param ref the container the call named, or null
     * @param action the action the call did, or null: it tells what a 304 means
     * @return the SPI's failure; {@code e} itself when it is neither the daemon's nor the transport's (a fault of ours)
     */
    RuntimeException translate(RuntimeException e, String ref, ContainerAction action) {
        if (e instanceof RuntimeFailure) {
            return e;
        }
        if (e instanceof DockerException refusal) {
            return refusal.getHttpStatus() == 304
                    ? notModified(ref, action)
                    : refused(refusal.getHttpStatus(), daemonMessage(refusal));
        }
        if (e instanceof DaemonRefusal refusal) {
            return refused(refusal.status(), refusal.getMessage());
        }
        if (e instanceof UncheckedIOException || e.getCause() instanceof IOException) {
            return unreachable(e);
        }
        return e;
    }

    /** The transport failed: the daemon is down, the socket refused, the SSH connection or its command failed. */
    RuntimeFailure unreachable(Exception e) {
        return new RuntimeFailure(Kind.UNAVAILABLE, where + " cannot be reached: " + e.getMessage(), e);
    }

    /** The daemon answered {@code status} with {@code message}. */
    RuntimeFailure refused(int status, String message) {
        if (status == 404) {
            return new RuntimeFailure(Kind.NOT_FOUND, message);
        }
        if (status == 409 || status == 500 && isStateConflict(message)) {
            return new RuntimeFailure(Kind.CONFLICT, message);
        }
        return new RuntimeFailure(Kind.FAILED, message);
    }

    /** The daemon's 304 Not Modified: the container is in the state the action asked for already. */
    private static RuntimeFailure notModified(String ref, ContainerAction action) {
        if (action == ContainerAction.START) {
            return new RuntimeFailure(Kind.ALREADY_STARTED, "Container " + ref + " is already running");
        }
        if (action == ContainerAction.STOP) {
            return new RuntimeFailure(Kind.ALREADY_STOPPED, "Container " + ref + " is not running");
        }
        return new RuntimeFailure(Kind.FAILED, "the Docker daemon answered 304 Not Modified");
    }

    private static boolean isStateConflict(String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        return STATE_CONFLICTS.stream().anyMatch(lower::contains);
    }

    /** docker-java's message is "Status 409: {json}"; the daemon's own sentence is the JSON's {@code message}. */
    private String daemonMessage(DockerException e) {
        String text = e.getMessage() == null ? "" : e.getMessage();
        int brace = text.indexOf('{');
        return brace < 0 ? text : engine.daemonMessage(text.substring(brace));
    }
}
