package dev.porthole.platform.dispatch;

import dev.porthole.api.http.Request;
import dev.porthole.api.http.WebSocketHandler;
import dev.porthole.api.http.WebSocketSession;
import dev.porthole.platform.json.JsonTrees;
import io.micronaut.websocket.CloseReason;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plugin's view of one WebSocket connection, and the host's bridge to it: frames from the client go to the plugin's
 * handler one at a time on the plugin's executor; what the plugin sends goes to the server's session.
 */
final class PluginWebSocketSession implements WebSocketSession, FrameAssembler.Sink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PluginWebSocketSession.class);

    private final io.micronaut.websocket.WebSocketSession session;
    private final Request request;
    private final WebSocketHandler handler;
    private final RouteRegistry.Entry entry;
    private final PluginRoute route;
    private final Executor calls;
    private final ReadGate gate;
    private final JsonTrees json;
    private final AtomicBoolean closeDelivered = new AtomicBoolean();
    private final FrameAssembler frames = new FrameAssembler(this);

    PluginWebSocketSession(
            io.micronaut.websocket.WebSocketSession session,
            Request request,
            RouteRegistry.Entry entry,
            ReadGate gate,
            JsonTrees json) {
        this.session = session;
        this.request = request;
        this.entry = entry;
        this.route = entry.route();
        this.handler = (WebSocketHandler) route.handler();
        this.calls = new SerialExecutor(route.executor());
        this.gate = gate;
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

    /** A frame from the client: whole messages go to the plugin, fragments wait for the rest. */
    void frame(WebSocketFrame frame) {
        frames.accept(frame);
    }

    @Override
    public void text(String text) {
        long size = 2L * text.length();
        gate.queued(size);
        call(() -> handler.onText(this, text), size);
    }

    @Override
    public void binary(byte[] data) {
        gate.queued(data.length);
        call(() -> handler.onBinary(this, data), data.length);
    }

    @Override
    public void refuse(int code, String reason) {
        session.close(new CloseReason(code, reason));
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
    public CompletionStage<Void> sendTextAsync(String text) {
        return sent(session.isOpen() ? session.sendAsync(text) : null);
    }

    @Override
    public CompletionStage<Void> sendBinaryAsync(byte[] data) {
        return sent(session.isOpen() ? session.sendAsync(data) : null);
    }

    /** The plugin's stage for a frame sent: completed on the plugin's threads, never on the server's event loop. */
    private CompletionStage<Void> sent(CompletableFuture<?> sending) {
        if (sending == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("the WebSocket is closed"));
        }
        return sending.<Void>thenApply(frame -> null).whenCompleteAsync((v, e) -> {}, route.executor());
    }

    @Override
    public void pauseReading() {
        gate.pause();
    }

    @Override
    public void resumeReading() {
        gate.resume();
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
        call(call, 0);
    }

    /** Runs {@code call} on the plugin's threads; {@code frameBytes} of a frame wait in the gate until it has run. */
    private void call(Call call, long frameBytes) {
        try {
            calls.execute(() -> {
                try {
                    call.run();
                } catch (Exception | Error e) {
                    LOG.warn("plugin '{}' failed on {}; closing the WebSocket", route.owner(), route.describe(), e);
                    close(CloseReason.INTERNAL_ERROR.getCode(), "plugin error");
                } finally {
                    gate.handled(frameBytes);
                }
            });
        } catch (RejectedExecutionException stopping) {
            close(CloseReason.GOING_AWAY.getCode(), "plugin '" + route.owner() + "' is stopping");
        }
    }
}
