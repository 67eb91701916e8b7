package dev.porthole.api.http;

import dev.porthole.api.Api;

/** One open WebSocket connection. Thread-safe. Sending on a closed session does nothing. */
@Api(since = "0.1.0", stability = Api.Stability.STABLE)
public interface WebSocketSession {
    /** Unique among open sessions. */
    String id();

    /** The upgrade request: path parameters, query, caller. Its body is empty. */
    Request request();

    void sendText(String text);

    /** Sends {@code value} written as JSON in a text frame. */
    void sendJson(Object value);

    void sendBinary(byte[] data);

    boolean isOpen();

    /** Closes with a WebSocket status code (1000 normal, 1008 policy violation, ...) and a reason. */
    void close(int code, String reason);
}
