package dev.porthole.api.http;

import dev.porthole.api.Api;

/**
 * Serves WebSocket connections on one path. Calls for one session arrive one at a time, in order, on the plugin's
 * executor. An exception from a handler method closes the session with 1011.
 */
@Api(since = "0.1.0", stability = Api.Stability.STABLE)
public interface WebSocketHandler {
    /**
     * A client has connected; the upgrade passed the route's access check.
     *
     * @param session the new connection
     * @throws Exception to close the session with 1011
     */
    default void onOpen(WebSocketSession session) throws Exception {}

    /**
     * A text frame arrived. To read JSON from it, use {@link dev.porthole.api.Json#read}: malformed JSON is an
     * {@link IllegalArgumentException} saying where ({@code malformed JSON at line 1 column 7}), to tell the client.
     *
     * @param session the connection
     * @param text the frame's text
     * @throws Exception to close the session with 1011
     */
    default void onText(WebSocketSession session, String text) throws Exception {}

    /**
     * A binary frame arrived.
     *
     * @param session the connection
     * @param data the frame's bytes
     * @throws Exception to close the session with 1011
     */
    default void onBinary(WebSocketSession session, byte[] data) throws Exception {}

    /**
     * The session has closed, whoever closed it.
     *
     * @param session the closed connection
     * @param code the WebSocket close code
     * @param reason the close reason, possibly empty
     */
    default void onClose(WebSocketSession session, int code, String reason) {}
}
