package dev.porthole.plugins.dockerruntime.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.porthole.docker.engine.DockerEngine;
import dev.porthole.plugins.containers.spi.ContainerEvent;
import dev.porthole.plugins.containers.spi.RuntimeFailure;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's container events ({@code GET /events}, filtered to containers), read on the plugin's executor until
 * closed. The SPI has no way to tell the sink that the feed broke, so a feed that ends (the daemon restarted, the SSH
 * connection dropped) is followed again, after 1 s and then up to 30 s between attempts, from just after the last
 * event seen: the daemon replays what it still holds of the gap.
 */
final class EventFeed implements OpenStream {
    private static final Logger LOG = LoggerFactory.getLogger(EventFeed.class);
    private static final String CONTAINERS_ONLY = "{\"type\":[\"container\"]}";
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofSeconds(30);

    private final DockerEngine streams;
    private final ObjectReader events;
    private final String where;
    private final Consumer<ContainerEvent> sink;
    private final Consumer<OpenStream> onEnd;
    private final StreamGuard guard = new StreamGuard();
    private final CountDownLatch ended = new CountDownLatch(1);
    // Read and written by the reader only.
    private long lastNanos;
    private boolean connected;

    /**
     * @param streams the endpoint's stream pool
     * @param where the endpoint in words, for the log
     * @param onEnd told when the feed is done
     */
    EventFeed(DockerEngine streams, String where, Consumer<ContainerEvent> sink, Consumer<OpenStream> onEnd) {
        this.streams = streams;
        this.events = streams.json().readerFor(JsonNode.class);
        this.where = where;
        this.sink = sink;
        this.onEnd = onEnd;
    }

    /** @throws RuntimeFailure {@code UNAVAILABLE} when the plugin's executor takes no more work (it is stopping) */
    void start(Executor executor) {
        try {
            executor.execute(this::run);
        } catch (RejectedExecutionException e) {
            close();
            throw new RuntimeFailure(
                    RuntimeFailure.Kind.UNAVAILABLE,
                    "the docker-runtime plugin is stopping: no thread is left to read the events on",
                    e);
        }
    }

    @Override
    public void close() {
        if (guard.close()) {
            done();
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
        try {
            Duration retry = FIRST_RETRY;
            while (!guard.isClosed()) {
                String why = follow();
                if (guard.isClosed()) {
                    break;
                }
                if (connected) {
                    LOG.warn("The container events of {} stopped ({}); following them again", where, why);
                    retry = FIRST_RETRY;
                } else {
                    LOG.debug("The container events of {} cannot be followed yet: {}", where, why);
                }
                guard.pause(retry);
                Duration doubled = retry.multipliedBy(2);
                retry = doubled.compareTo(LAST_RETRY) < 0 ? doubled : LAST_RETRY;
            }
        } finally {
            guard.end();
            done();
        }
    }

    /** Follows the feed until it ends; @return why it ended */
    private String follow() {
        connected = false;
        Map<String, String> query = new LinkedHashMap<>();
        query.put("filters", CONTAINERS_ONLY);
        if (lastNanos > 0) {
            long since = lastNanos + 1;
            query.put(
                    "since", since / 1_000_000_000L + "." + String.format(Locale.ROOT, "%09d", since % 1_000_000_000L));
        }
        try (DockerHttpClient.Response response = guard.hold(streams.get("/events", query));
                MappingIterator<JsonNode> feed = events.readValues(response.getBody())) {
            connected = true;
            while (feed.hasNextValue()) {
                JsonNode event = feed.nextValue();
                lastNanos = event.path("timeNano").asLong(lastNanos);
                deliver(ContainerEvents.of(event));
            }
            return "the daemon ended the feed";
        } catch (IOException | RuntimeException e) {
            return e.toString();
        }
    }

    private void deliver(ContainerEvent event) {
        try {
            sink.accept(event);
        } catch (RuntimeException e) {
            LOG.warn("A container event of {} could not be delivered: {}", where, event, e);
        }
    }

    private void done() {
        ended.countDown();
        onEnd.accept(this);
    }
}
