package dev.porthole.plugins.tunnels.relay;

import dev.porthole.api.http.WebSocketSession;
import dev.porthole.api.ssh.TcpChannel;
import dev.porthole.api.ssh.TcpReceiver;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One local or dynamic relay connection: the WebSocket's binary frames go into the SSH host's TCP channel and what the
 * destination sends comes back as binary frames. Each way waits for the other: a frame for the client is sent only once
 * the previous one has gone out, and the client's frames are no longer read while more than {@link #PAUSE_AT} bytes of
 * them wait for the channel, so a slow side holds the fast one back instead of filling memory.
 */
final class ByteRelay implements TcpReceiver {
    static final long PAUSE_AT = 512 * 1024;
    static final long RESUME_AT = 128 * 1024;

    private final WebSocketSession session;
    private final ArrayDeque<byte[]> toDestination = new ArrayDeque<>();
    // the channel reads from the start, but no frame may overtake the "ready" message
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private TcpChannel channel;
    private long waiting;
    private boolean writing;
    private boolean paused;

    ByteRelay(WebSocketSession session) {
        this.session = session;
    }

    /** The channel is open and the client has been sent "ready": bytes may flow both ways. */
    synchronized void attach(TcpChannel opened) {
        channel = opened;
        ready.complete(null);
        pump();
    }

    /** A binary frame from the client. */
    synchronized void fromClient(byte[] data) {
        toDestination.add(data);
        waiting += data.length;
        if (!paused && waiting > PAUSE_AT) {
            paused = true;
            session.pauseReading();
        }
        pump();
    }

    private void pump() {
        if (writing || channel == null || toDestination.isEmpty()) {
            return;
        }
        byte[] next = toDestination.poll();
        writing = true;
        channel.write(next).whenComplete((v, failed) -> written(next.length, failed));
    }

    private synchronized void written(int bytes, Throwable failed) {
        writing = false;
        waiting -= bytes;
        if (failed != null) {
            toDestination.clear();
            return;
        }
        if (paused && waiting <= RESUME_AT) {
            paused = false;
            session.resumeReading();
        }
        pump();
    }

    @Override
    public CompletionStage<?> received(byte[] data) {
        return ready.thenCompose(v -> session.sendBinaryAsync(data));
    }

    @Override
    public void closed(Optional<String> error) {
        session.close(
                error.isPresent() ? 1011 : 1000,
                error.map(ByteRelay::closeReason).orElse(""));
    }

    /** A WebSocket close reason must fit in 123 bytes. */
    private static String closeReason(String reason) {
        return reason.length() <= 100 ? reason : reason.substring(0, 100);
    }

    synchronized void close() {
        toDestination.clear();
        if (channel != null) {
            channel.close();
        }
    }
}
