package dev.porthole.api.http;

import dev.porthole.api.Api;

/**
 * Serves WebSocket connections on one path. Calls for one session arrive one at a time, in order, on the plugin's
 * executor. An exception from a handler method closes the session with 1011.
 */
@Api(since = "0.1.0", stability = Api.Stability.STABLE)
public interface WebSocketHandler {
    default void onOpen(WebSocketSession session) throws Exception {}

    default void onText(WebSocketSession session, String text) throws Exception {}

    default void onBinary(WebSocketSession session, byte[] data) throws Exception {}

    /** The session has closed, whoever closed it. */
    default void onClose(WebSocketSession session, int code, String reason) {}
}
