package dev.porthole.platform.dispatch;

import dev.porthole.api.http.Access;
import dev.porthole.api.http.Method;
import java.util.concurrent.Executor;

/**
 * A route a plugin registered: who owns it, what it serves, who may call it, and the handler (a {@code RouteHandler},
 * {@code SseHandler} or {@code WebSocketHandler} by kind), run on the owner's executor.
 */
public record PluginRoute(
        String owner,
        RouteKind kind,
        Method method,
        PathTemplate path,
        Access access,
        Object handler,
        Executor executor) {

    /** For conflict messages and listings: {@code GET /a/{id}}, {@code SSE /a/stream}, {@code WEBSOCKET /a/ws}. */
    public String describe() {
        return (kind == RouteKind.HTTP ? method.name() : kind.name()) + " " + path;
    }

    /** The HTTP method a client uses: a WebSocket is an upgrade of a GET. */
    public String httpMethod() {
        return kind == RouteKind.WEBSOCKET ? "GET" : method.name();
    }
}
