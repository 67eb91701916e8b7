package dev.porthole.api.http;

import dev.porthole.api.Api;
import java.util.concurrent.CompletionStage;

/** One open WebSocket connection. Thread-safe. Sending on a closed session does nothing. */
@Api(since = "0.1.0", stability = Api.Stability.STABLE)
public interface WebSocketSession {
    /** {@return the session's id, unique among open sessions} */
    String id();

    /** {@return the upgrade request: path parameters, query, caller; its body is empty} */
    Request request();

    /**
     * Sends a text frame.
     *
     * @param text the frame's text
     */
    void sendText(String text);

    /**
     * Sends {@code value} written as JSON in a text frame.
     *
     * @param value a tree of JDK types or a record, as for {@link dev.porthole.api.Json#write}
     */
    void sendJson(Object value);

    /**
     * Sends a binary frame.
     *
     * @param data the frame's bytes, copied
     */
    void sendBinary(byte[] data);

    /**
     * Sends a text frame and tells when it has gone out: a sender that waits for each stage before sending more holds
     * at most one frame for a slow client.
     *
     * @param text the frame's text
     * @return completes when the frame is written to the network; fails if the connection closed first
     * @since 0.2.0
     */
    @Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
    CompletionStage<Void> sendTextAsync(String text);

    /**
     * Sends a binary frame and tells when it has gone out, as {@link #sendTextAsync}.
     *
     * @param data the frame's bytes, not copied: the caller must not change them until the stage completes
     * @return completes when the frame is written to the network; fails if the connection closed first
     * @since 0.2.0
     */
    @Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
    CompletionStage<Void> sendBinaryAsync(byte[] data);

    /**
     * Stops reading frames from the client until {@link #resumeReading()}, so that a client sending faster than the
     * plugin can pass its frames on is held back by TCP. A frame or two already read may still arrive. The host also
     * pauses a session by itself while too many of its frames wait for the plugin.
     *
     * @since 0.2.0
     */
    @Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
    void pauseReading();

    /**
     * Reads frames from the client again after {@link #pauseReading()}.
     *
     * @since 0.2.0
     */
    @Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
    void resumeReading();

    /** {@return whether the connection is still open} */
    boolean isOpen();

    /**
     * Closes the connection.
     *
     * @param code a WebSocket status code: 1000 normal, 1008 policy violation, 4000-4999 the plugin's own
     * @param reason a short text the client sees
     */
    void close(int code, String reason);
}
