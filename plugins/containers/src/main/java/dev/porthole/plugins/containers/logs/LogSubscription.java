package dev.porthole.plugins.containers.logs;

import dev.porthole.api.Json;
import dev.porthole.api.http.WebSocketSession;
import dev.porthole.plugins.containers.errors.ErrorCode;
import dev.porthole.plugins.containers.errors.Failures;
import dev.porthole.plugins.containers.spi.ContainerInfo;
import dev.porthole.plugins.containers.spi.LogSink;
import dev.porthole.plugins.containers.spi.RuntimeFailure;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * One container's log on one socket: each line becomes a {@code container.logs} message. At most {@link #IN_FLIGHT}
 * bytes of messages wait for the network at once; past that the runtime's reading thread waits, so a slow client holds
 * back the daemon, and memory per subscription stays bounded whatever the container writes.
 */
final class LogSubscription implements LogSink {
    static final int IN_FLIGHT = 512 * 1024;

    private final WebSocketSession session;
    private final ContainerInfo container;
    private final String containerId;
    private final Json json;
    private final Clock clock;
    private final Consumer<LogSubscription> ended;
    private final Semaphore budget = new Semaphore(IN_FLIGHT);
    private volatile AutoCloseable stream;

    LogSubscription(
            WebSocketSession session,
            ContainerInfo container,
            Json json,
            Clock clock,
            Consumer<LogSubscription> ended) {
        this.session = session;
        this.container = container;
        this.containerId = container.id();
        this.json = json;
        this.clock = clock;
        this.ended = ended;
    }

    /** Whether {@code id} names this subscription's container: its id, a prefix of its full id, or its name. */
    boolean isFor(String id) {
        return id.equals(container.name()) || container.fullId().startsWith(id) || id.equals(containerId);
    }

    void streaming(AutoCloseable handle) {
        this.stream = handle;
    }

    /** Ends the stream: the runtime then calls {@link #ended} with {@code STOPPED}. */
    void close() {
        AutoCloseable handle = stream;
        if (handle != null) {
            try {
                handle.close();
            } catch (Exception e) {
                // the runtime's stream is gone either way
            }
        }
    }

    @Override
    public void line(String stream, String message) throws InterruptedException {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("containerId", containerId);
        data.put("stream", stream);
        data.put("message", message);
        data.put("timestamp", clock.instant().getEpochSecond());
        String text = json.write(Map.of("type", "container.logs", "data", data));
        int cost = Math.min(IN_FLIGHT, text.getBytes(StandardCharsets.UTF_8).length);
        budget.acquire(cost);
        session.sendTextAsync(text).whenComplete((sent, failed) -> budget.release(cost));
    }

    @Override
    public void ended(EndReason reason, RuntimeFailure failure) {
        long now = clock.instant().getEpochSecond();
        if (failure != null) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("containerId", containerId);
            error.put(
                    "error",
                    Failures.of(failure, ErrorCode.CONTAINER_LOGS_FAILED).code().name());
            error.put("message", failure.getMessage());
            error.put("timestamp", now);
            session.sendJson(Map.of("type", "container.logs.error", "data", error));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("containerId", containerId);
        data.put("reason", reason.name().toLowerCase(java.util.Locale.ROOT));
        data.put("timestamp", now);
        session.sendJson(Map.of("type", "container.logs.ended", "data", data));
        ended.accept(this);
    }
}
