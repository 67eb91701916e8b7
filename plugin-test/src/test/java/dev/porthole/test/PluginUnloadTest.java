package dev.porthole.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A plugin used through every kind of contribution (HTTP, typed bodies, storage, SSE, WebSocket, a job, events) and then removed
 * leaves nothing that keeps its class loader alive: the first use of each path creates host threads and fills host
 * caches while the plugin's code is on the stack, which is where a leak would start.
 */
@WithPorthole(pluginClasses = "target/test-plugin/classes")
class PluginUnloadTest {

    @Test
    void a_removed_plugin_is_collected_after_serving_http_sse_websocket_jobs_and_events(Porthole porthole)
            throws Exception {
        String user = porthole.createUser("ann", "ann-password-1", "USER");
        assertThat(porthole.get("/probe/hello/ann").status()).isEqualTo(200);
        assertThat(porthole.post("/probe/notes", "first", user).status()).isEqualTo(201);
        assertThat(porthole.get("/probe/notes", user).jsonArray()).containsExactly("first");
        // a body bound to a record of the plugin's: no binding cache of the host may keep the record's class
        assertThat(porthole.post("/probe/labels", "{\"name\":\"web\",\"tags\":[\"a\"]}", null)
                        .status())
                .isEqualTo(201);

        try (EventStream stream = porthole.openEvents("/probe/stream", user)) {
            assertThat(stream.next(Duration.ofSeconds(10)).event()).hasValue("greeting");
        }
        try (EventStream beats = porthole.openEvents("/api/events/stream?topic=probe/beat", user)) {
            assertThat(beats.next(Duration.ofSeconds(10)).event()).hasValue("subscribed");
            ServerSentEvent beat = beats.next(Duration.ofSeconds(10));
            assertThat(beat.event()).hasValue("probe/beat");
            assertThat(beat.data()).contains("\"n\"");
        }
        assertThat(echo(porthole, user, "hi")).isEqualTo("echo: hi");
        porthole.awaitJobRuns("beat", 2, Duration.ofSeconds(20));

        porthole.uninstallAndAwaitUnload(Duration.ofSeconds(30));

        assertThat(porthole.plugin()).isEmpty();
    }

    private static String echo(Porthole porthole, String token, String text) throws Exception {
        CompletableFuture<String> reply = new CompletableFuture<>();
        WebSocket socket = porthole.httpClient()
                .newWebSocketBuilder()
                .header("Authorization", "Bearer " + token)
                .buildAsync(porthole.webSocketUri("/probe/ws/echo"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        reply.complete(data.toString());
                        return null;
                    }
                })
                .get(10, TimeUnit.SECONDS);
        try {
            socket.sendText(text, true).get(10, TimeUnit.SECONDS);
            return reply.get(10, TimeUnit.SECONDS);
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        }
    }
}
