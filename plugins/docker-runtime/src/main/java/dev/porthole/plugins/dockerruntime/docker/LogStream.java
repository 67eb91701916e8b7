package dev.porthole.plugins.dockerruntime.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.porthole.docker.engine.DaemonRefusal;
import dev.porthole.docker.engine.DockerEngine;
import dev.porthole.plugins.containers.spi.LogRequest;
import dev.porthole.plugins.containers.spi.LogSink;
import dev.porthole.plugins.containers.spi.LogSink.EndReason;
import dev.porthole.plugins.containers.spi.RuntimeFailure;
import dev.porthole.plugins.dockerruntime.logs.LogLines;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One container's log, read on the plugin's executor from the Engine API's {@code GET /containers/{id}/logs} into a
 * {@link LogSink}, which hears {@link LogSink#ended} exactly once, last:
 *
 * <ul>
 *   <li>{@link EndReason#STOPPED} when the handle was closed, whatever the reader was doing then;
 *   <li>{@link EndReason#CONTAINER_STOPPED} when the log ended: a request that does not follow ends after its lines (as
 *       the SPI says), a follow ends when the container stops, is restarted or removed, which the daemon tells by
 *       ending the log and the container's state then confirms;
 *   <li>{@link EndReason#ERROR} otherwise: an unknown container ({@code NOT_FOUND}), an endpoint that cannot be reached
 *       or a stream that broke ({@code UNAVAILABLE}), a daemon that ended the follow of a container that still runs
 *       the same process, or reported an error in the stream ({@code FAILED}).
 * </ul>
 *
 * Whether the body is multiplexed depends on the container's TTY, so the container is inspected first.
 */
final class LogStream implements OpenStream {
    private static final Logger LOG = LoggerFactory.getLogger(LogStream.class);

    private final String id;
    private final LogRequest request;
    private final LogSink sink;
    private final DockerEngine requests;
    private final DockerEngine streams;
    private final Failures failures;
    private final Consumer<OpenStream> onEnd;
    private final StreamGuard guard = new StreamGuard();
    private final CountDownLatch ended = new CountDownLatch(1);

    /**
     * @param requests the endpoint's request pool, for the inspects
     * @param streams the endpoint's stream pool, for the log itself
     * @param onEnd told after {@code ended} was delivered
     */
    LogStream(
            String id,
            LogRequest request,
            LogSink sink,
            DockerEngine requests,
            DockerEngine streams,
            Failures failures,
            Consumer<OpenStream> onEnd) {
        this.id = id;
        this.request = request;
        this.sink = sink;
        this.requests = requests;
        this.streams = streams;
        this.failures = failures;
        this.onEnd = onEnd;
    }

    void start(Executor executor) {
        try {
            executor.execute(this::run);
        } catch (RejectedExecutionException e) {
            if (guard.close()) {
                end(
                        EndReason.ERROR,
                        new RuntimeFailure(
                                RuntimeFailure.Kind.UNAVAILABLE,
                                "the docker-runtime plugin is stopping: no thread is left to read the log on",
                                e));
            }
        }
    }

    /** Ends the stream: {@code ended(STOPPED)} now if it never began, else from the reader once it is unblocked. */
    @Override
    public void close() {
        if (guard.close()) {
            end(EndReason.STOPPED, null);
        }
    }

    @Override
    public void awaitEnd(long deadline) throws InterruptedException {
        ended.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private void run() {
        if (!guard.begin()) {
            return;
        }
        EndReason reason = EndReason.ERROR;
        RuntimeFailure failure = null;
        try {
            reason = read();
        } catch (InterruptedException e) {
            // The sink gave up waiting for room: it is the one that stops the stream.
            reason = EndReason.STOPPED;
        } catch (IOException e) {
            failure = failures.unreachable(e);
        } catch (RuntimeException e) {
            failure = failure(e);
        } finally {
            guard.end();
        }
        if (guard.isClosed()) {
            end(EndReason.STOPPED, null);
        } else {
            end(reason, failure);
        }
    }

    private EndReason read() throws IOException, InterruptedException {
        String ref = ContainerRefs.checked(id);
        JsonNode before = requests.getJson("/containers/" + ref + "/json");
        boolean tty = before.path("Config").path("Tty").asBoolean(false);
        try (DockerHttpClient.Response response = guard.hold(streams.get("/containers/" + ref + "/logs", query()))) {
            new LogLines(sink, request.timestamps()).read(response.getBody(), tty);
        }
        return request.follow() ? afterFollow(ref, before) : EndReason.CONTAINER_STOPPED;
    }

    private Map<String, String> query() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("stdout", "1");
        query.put("stderr", "1");
        query.put("tail", Integer.toString(request.tail()));
        query.put("follow", request.follow() ? "1" : "0");
        query.put("timestamps", request.timestamps() ? "1" : "0");
        return query;
    }

    /**
     * A follow that ended: the daemon ends it when the container's process ends. Its state tells that apart from a
     * stream the daemon cut for another reason: gone, not running, or running since another start (a restart) is the
     * container stopping; the same run going on is not.
     */
    private EndReason afterFollow(String ref, JsonNode before) {
        JsonNode after;
        try {
            after = requests.getJson("/containers/" + ref + "/json");
        } catch (DaemonRefusal e) {
            if (e.status() == 404) {
                return EndReason.CONTAINER_STOPPED;
            }
            throw e;
        }
        JsonNode state = after.path("State");
        boolean sameRun = state.path("Running").asBoolean(false)
                && state.path("StartedAt").equals(before.path("State").path("StartedAt"));
        if (!sameRun) {
            return EndReason.CONTAINER_STOPPED;
        }
        throw new RuntimeFailure(
                RuntimeFailure.Kind.FAILED, "the Docker daemon ended the log of container " + ref + " while it runs");
    }

    private RuntimeFailure failure(RuntimeException e) {
        if (failures.translate(e, id, null) instanceof RuntimeFailure failure) {
            return failure;
        }
        LOG.warn("The log stream of container {} failed", id, e);
        return new RuntimeFailure(RuntimeFailure.Kind.FAILED, "the log stream failed: " + e, e);
    }

    private void end(EndReason reason, RuntimeFailure failure) {
        try {
            sink.ended(reason, reason == EndReason.ERROR ? failure : null);
        } catch (RuntimeException e) {
            LOG.warn("The sink of container {}'s log failed at its end", id, e);
        } finally {
            ended.countDown();
            onEnd.accept(this);
        }
    }
}
