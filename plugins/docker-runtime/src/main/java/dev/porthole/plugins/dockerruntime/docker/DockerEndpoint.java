package dev.porthole.plugins.dockerruntime.docker;

import com.github.dockerjava.api.DockerClient;
import dev.porthole.docker.engine.DockerEngine;
import dev.porthole.docker.transport.DialStdioDockerHttpClient;
import dev.porthole.plugins.containers.spi.ContainerAction;
import dev.porthole.plugins.containers.spi.ContainerEvent;
import dev.porthole.plugins.containers.spi.ContainerInfo;
import dev.porthole.plugins.containers.spi.ContainerStats;
import dev.porthole.plugins.containers.spi.LogRequest;
import dev.porthole.plugins.containers.spi.LogSink;
import dev.porthole.plugins.containers.spi.RuntimeEndpoint;
import dev.porthole.plugins.containers.spi.RuntimeFailure;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Docker daemon through the SPI: docker-java's typed commands for the actions, the Engine API's own JSON for the
 * list, inspect and stats, and its raw streams for logs and events, read on the plugin's executor (never on
 * docker-java's callback threads, which would be threads of neither the plugin nor the host). Docker has no
 * namespaces; the SPI's namespace arguments are ignored.
 *
 * <p>Closing it ends its log streams and event feeds (each log hears {@code ended(STOPPED)}), then its transports.
 */
public final class DockerEndpoint implements RuntimeEndpoint, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DockerEndpoint.class);
    /** How long a close waits for its streams' readers to deliver their end before it closes the transports anyway. */
    private static final Duration STREAMS_END_WAIT = Duration.ofSeconds(5);

    private final String where;
    private final DockerEngine requests;
    private final DockerEngine streams;
    private final Executor executor;
    private final Clock clock;
    private final Failures failures;
    private final Object lock = new Object();
    private final Set<OpenStream> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private DockerEndpoint(String where, DockerEngine requests, DockerEngine streams, Executor executor, Clock clock) {
        this.where = where;
        this.requests = requests;
        this.streams = streams;
        this.executor = executor;
        this.clock = clock;
        this.failures = new Failures(where, requests);
    }

    /**
     * An endpoint on {@code reach}. Nothing connects yet: the first call opens the first stream.
     *
     * @param executor where logs and events are read: the plugin's
     * @param clock for stats documents that do not say when they were read
     */
    public static DockerEndpoint open(Reach reach, Executor executor, Clock clock) {
        return new DockerEndpoint(
                reach.where(),
                DockerEngine.over(new DialStdioDockerHttpClient(reach.opener(), reach.requests())),
                DockerEngine.over(new DialStdioDockerHttpClient(reach.opener(), reach.streams())),
                executor,
                clock);
    }

    @Override
    public String ping() {
        return call(null, null, () -> requests.client().versionCmd().exec().getVersion());
    }

    @Override
    public List<ContainerInfo> list(Optional<String> namespace) {
        return call(null, null, () -> ContainerSummaries.of(requests.getJson("/containers/json?all=1")));
    }

    @Override
    public Object inspect(String id, Optional<String> namespace) {
        String ref = ContainerRefs.checked(id);
        return call(ref, null, () -> requests.json()
                .convertValue(requests.getJson("/containers/" + ref + "/json"), Object.class));
    }

    @Override
    public void act(String id, Optional<String> namespace, ContainerAction action, int timeoutSeconds) {
        String ref = ContainerRefs.checked(id);
        DockerClient docker = requests.client();
        call(ref, action, () -> {
            switch (action) {
                case START -> docker.startContainerCmd(ref).exec();
                case STOP ->
                    docker.stopContainerCmd(ref).withTimeout(timeoutSeconds).exec();
                case RESTART ->
                    docker.restartContainerCmd(ref).withTimeout(timeoutSeconds).exec();
                case PAUSE -> docker.pauseContainerCmd(ref).exec();
                case UNPAUSE -> docker.unpauseContainerCmd(ref).exec();
            }
            return null;
        });
    }

    /** A running container without {@code force} is {@code CONFLICT}, with the daemon's words. */
    @Override
    public void remove(String id, Optional<String> namespace, boolean force) {
        String ref = ContainerRefs.checked(id);
        call(ref, null, () -> {
            requests.client().removeContainerCmd(ref).withForce(force).exec();
            return null;
        });
    }

    /**
     * One sample, taking about a second (the daemon's two samples). A container that is not running is {@code
     * CONFLICT}: the daemon has no sample of it, only zeros (see {@link StatsSamples}).
     */
    @Override
    public ContainerStats stats(String id, Optional<String> namespace) {
        String ref = ContainerRefs.checked(id);
        return call(
                ref,
                null,
                () -> StatsSamples.of(ref, requests.getJson("/containers/" + ref + "/stats?stream=false"), clock));
    }

    /** @throws IllegalArgumentException for a negative {@code tail} */
    @Override
    public AutoCloseable logs(String id, LogRequest request, LogSink sink) {
        if (request.tail() < 0) {
            throw new IllegalArgumentException("tail must be 0 or more, not " + request.tail());
        }
        LogStream stream = track(new LogStream(id, request, sink, requests, streams, failures, open::remove));
        stream.start(executor);
        return stream;
    }

    @Override
    public AutoCloseable events(Consumer<ContainerEvent> sink) {
        EventFeed feed = track(new EventFeed(streams, where, sink, open::remove));
        feed.start(executor);
        return feed;
    }

    /** Ends every stream, waits a little for their ends to be delivered, and closes the transports. */
    @Override
    public void close() {
        closeAll(List.of(this));
    }

    /**
     * Closes {@code endpoints} as {@link #close} does, with one wait for all their streams rather than one after the
     * other: a plugin stopping with many environments still stops within its time.
     */
    public static void closeAll(Collection<DockerEndpoint> endpoints) {
        List<DockerEndpoint> closing = new ArrayList<>();
        List<OpenStream> running = new ArrayList<>();
        for (DockerEndpoint endpoint : endpoints) {
            synchronized (endpoint.lock) {
                if (endpoint.closed) {
                    continue;
                }
                endpoint.closed = true;
                running.addAll(endpoint.open);
            }
            closing.add(endpoint);
        }
        running.forEach(OpenStream::close);
        long deadline = System.nanoTime() + STREAMS_END_WAIT.toNanos();
        try {
            for (OpenStream stream : running) {
                stream.awaitEnd(deadline);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (DockerEndpoint endpoint : closing) {
            endpoint.closeQuietly(endpoint.requests);
            endpoint.closeQuietly(endpoint.streams);
        }
    }

    private <S extends OpenStream> S track(S stream) {
        synchronized (lock) {
            if (closed) {
                throw closedFailure(null);
            }
            open.add(stream);
        }
        return stream;
    }

    private <T> T call(String ref, ContainerAction action, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (RuntimeException e) {
            if (closed) {
                throw closedFailure(e);
            }
            throw failures.translate(e, ref, action);
        }
    }

    private RuntimeFailure closedFailure(Exception cause) {
        return new RuntimeFailure(
                RuntimeFailure.Kind.UNAVAILABLE,
                "the connection to " + where + " was closed: its environment changed or the plugin stopped",
                cause);
    }

    private void closeQuietly(DockerEngine engine) {
        try {
            engine.close();
        } catch (IOException e) {
            LOG.debug("Closing the transport of {} failed", where, e);
        }
    }
}
