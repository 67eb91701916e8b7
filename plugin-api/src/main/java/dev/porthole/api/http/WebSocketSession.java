package dev.porthole.api.http;

import dev.porthole.api.Api;

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
