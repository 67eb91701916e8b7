package dev.porthole.platform.dispatch;

import dev.porthole.api.http.Method;
import dev.porthole.platform.json.JsonTrees;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * The catch-all WebSocket endpoint for plugin routes. Upgrades find it whatever its rank (the server looks only at
 * WebSocket routes for them); for plain GETs its template must rank below {@link DispatchController}'s, and
 * Micronaut ranks by literal length first, then by fewer variables: hence one literal {@code /} and two variables.
 * {@link WebSocketRouteFilter} has matched the upgrade to a plugin's route (or answered 404) and
 * {@link PluginAccessRule} has checked its access, both before the handshake. Frames are handed to the plugin's session bridge,
 * which runs the plugin's handler on the plugin's executor.
 */
@ServerWebSocket("/{first}{+rest}")
@Secured(SecurityRule.IS_ANONYMOUS)
final class WebSocketDispatcher {
    private static final String SESSION = "porthole.plugin-session";

    private final JsonTrees json;

    WebSocketDispatcher(JsonTrees json) {
        this.json = json;
    }

    @OnOpen
    void open(String first, String rest, WebSocketSession session, HttpRequest<?> request) {
        RouteRegistry.Match match = request.getAttribute(PluginAccessRule.MATCH, RouteRegistry.Match.class)
                .orElseThrow(() -> new IllegalStateException(
                        "WebSocketRouteFilter let an upgrade to " + request.getPath() + " through unmatched"));
        PluginWebSocketSession bridge = new PluginWebSocketSession(
                session,
                new PluginRequest(Method.GET, request, match.pathParams(), null, json),
                match.entry(),
                new ReadGate(channelOf(request)),
                json);
        session.put(SESSION, bridge);
        bridge.opened();
    }

    private static Channel channelOf(HttpRequest<?> upgrade) {
        if (upgrade instanceof NettyHttpRequest<?> netty) {
            return netty.getChannelHandlerContext().channel();
        }
        throw new IllegalStateException("a WebSocket upgrade not served by Netty: " + upgrade.getClass());
    }

    // a plugin's messages may be up to 1 MiB: a relay's base64 JSON carries a whole 64 KiB TCP read
    @OnMessage(maxPayloadLength = FrameAssembler.MAX_MESSAGE)
    void message(WebSocketFrame frame, WebSocketSession session) {
        try {
            PluginWebSocketSession bridge =
                    session.get(SESSION, PluginWebSocketSession.class).orElse(null);
            if (bridge == null) {
                return;
            }
            bridge.frame(frame);
        } finally {
            frame.release();
        }
    }

    @OnClose
    void close(WebSocketSession session, CloseReason reason) {
        session.get(SESSION, PluginWebSocketSession.class)
                .ifPresent(bridge -> bridge.closed(reason.getCode(), reason.getReason()));
    }
}
