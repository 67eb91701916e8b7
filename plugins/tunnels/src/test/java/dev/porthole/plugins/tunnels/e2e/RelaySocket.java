package dev.porthole.plugins.tunnels.e2e;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.porthole.test.Porthole;
import java.io.ByteArrayOutputStream;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A client of the relay WebSocket, as Termix's desktop client uses it: JSON text messages, then binary frames (or, in
 * remote mode, more JSON). It reads only while {@link #reading} is on, so that a test can play a client that stops
 * reading.
 */
final class RelaySocket implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocket socket;
    private final BlockingQueue<Map<String, Object>> messages = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    // guarded by "this": whether the listener asks for the next frame, and whether one is owed
    private boolean reading = true;
    private boolean wantsMore;

    private RelaySocket(Porthole porthole, String token) {
        this.socket = porthole.httpClient()
                .newWebSocketBuilder()
                .header("Authorization", "Bearer " + token)
                .buildAsync(porthole.webSocketUri("/ssh/tunnel/c2s/stream"), new Listener())
                .join();
    }

    static RelaySocket open(Porthole porthole, String token) {
        return new RelaySocket(porthole, token);
    }

    void send(Map<String, Object> message) throws Exception {
        socket.sendText(JSON.writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
    }

    /** Sends a binary frame; completes when the client's side has handed it to TCP. */
    CompletableFuture<WebSocket> sendBinary(byte[] data) {
        return socket.sendBinary(ByteBuffer.wrap(data), true);
    }

    Map<String, Object> nextMessage(Duration timeout) throws InterruptedException {
        Map<String, Object> message = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new AssertionError("no message from the relay in " + timeout);
        }
        return message;
    }

    /** Waits until {@code count} bytes have arrived in binary frames, and returns them. */
    byte[] awaitBytes(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (received) {
                if (received.size() >= count) {
                    return received.toByteArray();
                }
            }
            Thread.sleep(5);
        }
        synchronized (received) {
            throw new AssertionError("received " + received.size() + " of " + count + " bytes in " + timeout);
        }
    }

    int receivedCount() {
        synchronized (received) {
            return received.size();
        }
    }

    /** Stops asking for frames: the server's frames wait in TCP buffers, then on the server. */
    synchronized void stopReading() {
        reading = false;
    }

    synchronized void startReading() {
        reading = true;
        if (wantsMore) {
            wantsMore = false;
            socket.request(1);
        }
    }

    private synchronized void readNext(WebSocket webSocket) {
        if (reading) {
            webSocket.request(1);
        } else {
            wantsMore = true;
        }
    }

    /** The close code, once the server has closed. */
    int awaitClose(Duration timeout) throws Exception {
        return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "");
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    messages.add(JSON.readValue(text.toString(), new TypeReference<Map<String, Object>>() {}));
                } catch (Exception e) {
                    messages.add(Map.of("unreadable", text.toString()));
                }
                text.setLength(0);
            }
            readNext(webSocket);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            synchronized (received) {
                received.write(bytes, 0, bytes.length);
            }
            readNext(webSocket);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
