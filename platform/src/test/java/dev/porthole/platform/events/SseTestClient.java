package dev.porthole.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A JDK HttpClient reading {@code /api/events/stream}: every SSE event it reads, in order, and apart from them the comments. */
final class SseTestClient implements AutoCloseable {
    record SseEvent(String name, String data) {}

    private final BlockingQueue<SseEvent> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> comments = new LinkedBlockingQueue<>();
    private final Stream<String> lines;
    private volatile CountDownLatch paused;

    private SseTestClient(Stream<String> lines) {
        this.lines = lines;
        Thread reader = new Thread(this::read, "sse-test-client");
        reader.setDaemon(true);
        reader.start();
    }

    static SseTestClient open(URI server, String query, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(server.resolve("/api/events/stream?" + query))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream")
                .build();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .get(20, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        return new SseTestClient(response.body());
    }

    private void read() {
        try {
            readEvents();
        } catch (RuntimeException hungUp) {
            // close() cancels the body under the reader's feet; the events read so far stay
        }
    }

    private void readEvents() {
        String name = null;
        StringBuilder data = new StringBuilder();
        for (String line : (Iterable<String>) lines::iterator) {
            awaitResume();
            if (line.isEmpty()) {
                if (name != null || !data.isEmpty()) {
                    events.add(new SseEvent(name, data.toString()));
                }
                name = null;
                data.setLength(0);
            } else if (line.startsWith(":")) {
                comments.add(line.substring(1).strip());
            } else if (line.startsWith("event:")) {
                name = line.substring("event:".length()).strip();
            } else if (line.startsWith("data:")) {
                data.append(line.substring("data:".length()).strip());
            }
        }
    }

    /** Stops reading after the current line: the server sees a client that no longer keeps up. */
    void pause() {
        paused = new CountDownLatch(1);
    }

    void resume() {
        CountDownLatch gate = paused;
        paused = null;
        gate.countDown();
    }

    private void awaitResume() {
        CountDownLatch gate = paused;
        if (gate != null) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    SseEvent next() throws InterruptedException {
        SseEvent event = events.poll(20, TimeUnit.SECONDS);
        assertThat(event).as("an event from the server").isNotNull();
        return event;
    }

    String nextComment() throws InterruptedException {
        String comment = comments.poll(20, TimeUnit.SECONDS);
        assertThat(comment).as("a comment from the server").isNotNull();
        return comment;
    }

    /** Hangs up: the body is cancelled and the connection closed. */
    @Override
    public void close() {
        lines.close();
    }
}
