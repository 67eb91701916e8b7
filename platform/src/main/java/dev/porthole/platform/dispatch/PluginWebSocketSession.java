package dev.porthole.platform.dispatch;

import dev.porthole.api.http.Request;
import dev.porthole.api.http.WebSocketHandler;
import dev.porthole.api.http.WebSocketSession;
import dev.porthole.platform.json.JsonTrees;
import io.micronaut.websocket.CloseReason;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plugin's view of one WebSocket connection, and the host's bridge to it: frames from the client go to the plugin's
 * handler one at a time on the plugin's executor; what the plugin sends goes to the server's session.
 */
final class PluginWebSocketSession implements WebSocketSession, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PluginWebSocketSession.class);

    private final io.micronaut.websocket.WebSocketSession session;
    private final Request request;
    private final WebSocketHandler handler;
    private final RouteRegistry.Entry entry;
    private final PluginRoute route;
    private final Executor calls;
    private final JsonTrees json;
    private final AtomicBoolean closeDelivered = new AtomicBoolean();

    PluginWebSocketSession(
            io.micronaut.websocket.WebSocketSession session,
            Request request,
            RouteRegistry.Entry entry,
            JsonTrees json) {
        this.session = session;
        this.request = request;
        this.entry = entry;
        this.route = entry.route();
        this.handler = (WebSocketHandler) route.handler();
        this.calls = new SerialExecutor(route.executor());
        this.json = json;
    }

    /** Tells the plugin, unless its route was withdrawn meanwhile: then the client is sent away at once. */
    void opened() {
        if (entry.track(this)) {
            call(() -> handler.onOpen(this));
        } else {
            close();
        }
    }

    void text(String text) {
        call(() -> handler.onText(this, text));
    }

    void binary(byte[] data) {
        call(() -> handler.onBinary(this, data));
    }

    /** The connection has ended: tell the plugin once. */
    void closed(int code, String reason) {
        entry.untrack(this);
        if (closeDelivered.compareAndSet(false, true)) {
            try {
                calls.execute(() -> handler.onClose(this, code, reason));
            } catch (RejectedExecutionException stopping) {
                // the plugin is stopping; nothing to tell it
            }
        }
    }

    @Override
    public String id() {
        return session.getId();
    }

    @Override
    public Request request() {
        return request;
    }

    @Override
    public void sendText(String text) {
        if (session.isOpen()) {
            session.sendAsync(text);
        }
    }

    @Override
    public void sendJson(Object value) {
        sendText(json.write(value));
    }

    @Override
    public void sendBinary(byte[] data) {
        if (session.isOpen()) {
            session.sendAsync(data.clone());
        }
    }

    @Override
    public boolean isOpen() {
        return session.isOpen();
    }

    @Override
    public void close(int code, String reason) {
        if (session.isOpen()) {
            session.close(new CloseReason(code, reason == null ? "" : reason));
        }
    }

    /** The route was withdrawn (plugin stopped): the client is told the server is going away. */
    @Override
    public void close() {
        close(CloseReason.GOING_AWAY.getCode(), "plugin '" + route.owner() + "' stopped");
    }

    private interface Call {
        void run() throws Exception;
    }

    private void call(Call call) {
        try {
            calls.execute(() -> {
                try {
                    call.run();
                } catch (Exception | Error e) {
                    LOG.warn("plugin '{}' failed on {}; closing the WebSocket", route.owner(), route.describe(), e);
                    close(CloseReason.INTERNAL_ERROR.getCode(), "plugin error");
                }
            });
        } catch (RejectedExecutionException stopping) {
            close(CloseReason.GOING_AWAY.getCode(), "plugin '" + route.owner() + "' is stopping");
        }
    }
}
