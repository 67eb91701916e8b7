package dev.porthole.plugins.tunnels.relay;

import dev.porthole.api.http.WebSocketSession;
import dev.porthole.api.ssh.TcpChannel;
import dev.porthole.api.ssh.TcpReceiver;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One local or dynamic relay connection: the WebSocket's binary frames go into the SSH host's TCP channel and what the
 * destination sends comes back as binary frames. Each way waits for the other: a frame for the client is sent only once
 * the previous one has gone out, and the client's frames wait in a bounded backlog ({@link ClientBacklog}).
 */
final class ByteRelay implements TcpReceiver, Relay {
    private final WebSocketSession session;
    private final ChannelWriter toDestination;
    // the channel reads from the start, but no frame may overtake the "ready" message
    private final CompletableFuture<Void> ready = new CompletableFuture<>();

    ByteRelay(WebSocketSession session) {
        this.session = session;
        this.toDestination = new ChannelWriter(new ClientBacklog(session));
    }

    /** The channel is open: the client's bytes may go to it. */
    void attach(TcpChannel opened) {
        toDestination.attach(opened);
    }

    /** The client has been sent "ready": the destination's bytes may go to it. */
    void ready() {
        ready.complete(null);
    }

    @Override
    public void binary(byte[] data) {
        toDestination.write(data);
    }

    @Override
    public void text(String text) {
        // text frames carry nothing once the relay is open (Termix ignores them too)
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

    @Override
    public void close() {
        toDestination.close();
    }
}
