package dev.porthole.plugins.dockerruntime.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.porthole.test.Porthole;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A client of {@code /api/v1/ws}: sends JSON messages and keeps every message it receives, in order. */
final class JsonSocket implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocket socket;
    private final LinkedBlockingQueue<Map<String, Object>> received;
    private final CompletableFuture<Integer> closed;

    private JsonSocket(WebSocket socket, Listener listener) {
        this.socket = socket;
        this.received = listener.received;
        this.closed = listener.closed;
    }

    static JsonSocket open(Porthole porthole, String token) {
        Listener listener = new Listener();
        WebSocket.Builder builder = porthole.httpClient().newWebSocketBuilder();
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        WebSocket ws = builder.connectTimeout(Duration.ofSeconds(10))
                .buildAsync(porthole.webSocketUri("/api/v1/ws"), listener)
                .join();
        return new JsonSocket(ws, listener);
    }

    void send(String type, Map<String, Object> data) throws Exception {
        socket.sendText(JSON.writeValueAsString(Map.of("type", type, "data", data)), true)
                .get(10, TimeUnit.SECONDS);
    }

    /** The next message that matches, skipping (and keeping out) the ones before it; fails after {@code timeout}. */
    Map<String, Object> await(Predicate<Map<String, Object>> matching, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Map<String, Object>> skipped = new ArrayList<>();
        while (true) {
            long left = deadline - System.nanoTime();
            Map<String, Object> next = left <= 0 ? null : received.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new AssertionError("no matching message within " + timeout + "; received " + skipped);
            }
            if (matching.test(next)) {
                return next;
            }
            skipped.add(next);
        }
    }

    Map<String, Object> awaitType(String type, Duration timeout) throws InterruptedException {
        return await(m -> type.equals(m.get("type")), timeout);
    }

    /** Every message received within {@code quiet} of the last one. */
    List<Map<String, Object>> drain(Duration quiet) throws InterruptedException {
        List<Map<String, Object>> all = new ArrayList<>();
        for (Map<String, Object> next = received.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
                next != null;
                next = received.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) {
            all.add(next);
        }
        return all;
    }

    /** {@return the close code the server sent, once it closed the socket} */
    int awaitClose(Duration timeout) throws Exception {
        return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> data(Map<String, Object> message) {
        return (Map<String, Object>) message.get("data");
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        socket.abort();
    }

    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        final LinkedBlockingQueue<Map<String, Object>> received = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(parse(partial.toString()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> parse(String text) {
            try {
                return JSON.readValue(text, Map.class);
            } catch (Exception e) {
                throw new IllegalStateException("not JSON: " + text, e);
            }
        }
    }
}
