package dev.porthole.plugins.tunnels.e2e;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The client's side of a remote-mode relay, as Termix's desktop client keeps it: the streams the relay announced, what
 * each has carried, and how each ended, read from the relay's JSON messages.
 */
final class RemoteStreams {
    private static final int CHUNK = 64 * 1024;

    private final RelaySocket socket;
    private final ArrayDeque<String> announced = new ArrayDeque<>();
    private final Map<String, ByteArrayOutputStream> received = new HashMap<>();
    private final Map<String, Optional<String>> ended = new HashMap<>();

    RemoteStreams(RelaySocket socket) {
        this.socket = socket;
    }

    /** {@return the id of the next stream the relay announces} */
    String nextConnection(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (announced.isEmpty()) {
            readOne(deadline);
        }
        return announced.poll();
    }

    /** {@return the first {@code count} bytes of stream {@code id}, once they have come} */
    byte[] awaitData(String id, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (bytesOf(id).size() < count) {
            readOne(deadline);
        }
        return bytesOf(id).toByteArray();
    }

    int receivedCount(String id) {
        return bytesOf(id).size();
    }

    /** {@return the error the relay gave when stream {@code id} ended, empty when it ended cleanly} */
    Optional<String> awaitEnd(String id, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ended.containsKey(id)) {
            readOne(deadline);
        }
        return ended.get(id);
    }

    /** Sends {@code data} on stream {@code id} in base64 messages of at most 64 KiB each. */
    void send(String id, byte[] data) throws Exception {
        for (int offset = 0; offset < data.length; offset += CHUNK) {
            byte[] chunk = java.util.Arrays.copyOfRange(data, offset, Math.min(data.length, offset + CHUNK));
            socket.send(Map.of(
                    "type", "data", "streamId", id, "data", Base64.getEncoder().encodeToString(chunk)));
        }
    }

    void close(String id) throws Exception {
        socket.send(Map.of("type", "close", "streamId", id));
    }

    private ByteArrayOutputStream bytesOf(String id) {
        return received.computeIfAbsent(id, i -> new ByteArrayOutputStream());
    }

    private void readOne(long deadline) throws InterruptedException {
        Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
        Map<String, Object> message = socket.nextMessage(left);
        String id = String.valueOf(message.get("streamId"));
        switch (String.valueOf(message.get("type"))) {
            case "connection" -> announced.add(id);
            case "data" -> bytesOf(id).writeBytes(Base64.getDecoder().decode((String) message.get("data")));
            case "close" -> ended.put(id, Optional.ofNullable((String) message.get("error")));
            default -> throw new AssertionError("unexpected message on a remote relay: " + message);
        }
    }
}
