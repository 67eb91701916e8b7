package dev.porthole.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A JDK WebSocket client of {@code /api/events} that keeps every message it reads, in order. It can stop reading
 * ({@link #pause}), which leaves frames in the network and the server's queue, like a stalled browser tab.
 */
final class WsTestClient implements WebSocket.Listener, AutoCloseable {
    private static final Argument<Map<String, Object>> MESSAGE = Argument.mapOf(String.class, Object.class);

    private final JsonMapper json;
    private final BlockingQueue<Map<String, Object>> messages = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile boolean paused;
    private WebSocket socket;

    private WsTestClient(JsonMapper json) {
        this.json = json;
    }

    static WsTestClient connect(URI server, String token, JsonMapper json) {
        WsTestClient client = new WsTestClient(json);
        try {
            client.socket = handshake(server, token, client).get(10, TimeUnit.SECONDS);
            return client;
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("WebSocket handshake failed", e);
        }
    }

    /** The HTTP status with which the server refuses the upgrade; fails if it accepts it. */
    static int refusal(URI server, String token, JsonMapper json) throws Exception {
        try {
            WebSocket socket = handshake(server, token, new WsTestClient(json)).get(10, TimeUnit.SECONDS);
            socket.abort();
            throw new AssertionError("the upgrade was accepted");
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(WebSocketHandshakeException.class);
            return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
        }
    }

    private static CompletableFuture<WebSocket> handshake(URI server, String token, WsTestClient listener) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        URI uri = URI.create("ws://" + server.getHost() + ":" + server.getPort() + "/api/events");
        return builder.buildAsync(uri, listener);
    }

    void send(Object message) {
        try {
            sendRaw(json.writeValueAsString(message));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void sendRaw(String text) {
        socket.sendText(text, true).join();
    }

    /** The next message, waiting for it if need be. */
    Map<String, Object> next() throws InterruptedException {
        Map<String, Object> message = messages.poll(20, TimeUnit.SECONDS);
        assertThat(message).as("a message from the server").isNotNull();
        return message;
    }

    /** Stops reading after the current message. */
    void pause() {
        paused = true;
    }

    void resume() {
        paused = false;
        socket.request(1);
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                messages.add(json.readValue(partial.toString(), MESSAGE));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            partial.setLength(0);
        }
        if (!last || !paused) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public void close() {
        socket.abort();
    }
}
