package dev.porthole.plugins.dockerruntime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.transport.DockerHttpClient;
import dev.porthole.docker.engine.DockerEngine;
import dev.porthole.plugins.containers.spi.ContainerEvent;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The event feed's recovery, which the real daemon cannot show without being restarted: a feed that the daemon ends
 * is followed again from just after the last event, so nothing seen is seen twice.
 */
class EventFeedTest {
    private final BlockingQueue<String> requests = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> bodies = new LinkedBlockingQueue<>();
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final DockerEngine engine = DockerEngine.over(new DockerHttpClient() {
        @Override
        public Response execute(Request request) {
            requests.add(URLDecoder.decode(request.path(), StandardCharsets.UTF_8));
            String body;
            try {
                body = bodies.take();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return response(body);
        }

        @Override
        public void close() {}
    });

    @AfterEach
    void close() throws Exception {
        executor.shutdownNow();
        engine.close();
    }

    @Test
    void a_feed_the_daemon_ends_is_followed_again_from_after_its_last_event() throws Exception {
        List<ContainerEvent> seen = new CopyOnWriteArrayList<>();
        EventFeed feed = new EventFeed(engine, "the test daemon", seen::add, stream -> {});
        bodies.add(event("start", 1796661595, 1796661595096256728L) + event("die", 1796661596, 1796661596000000005L));
        feed.start(executor);

        String first = requests.poll(5, TimeUnit.SECONDS);
        String second = requests.poll(5, TimeUnit.SECONDS);
        bodies.add(event("stop", 1796661597, 1796661597000000000L));

        assertThat(first).isEqualTo("/events?filters={\"type\":[\"container\"]}");
        assertThat(second).isEqualTo("/events?filters={\"type\":[\"container\"]}&since=1796661596.000000006");
        awaitSize(seen, 3);
        assertThat(seen).extracting(ContainerEvent::action).containsExactly("start", "die", "stop");

        feed.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        feed.awaitEnd(deadline);
        assertThat(System.nanoTime()).isLessThan(deadline);
    }

    private static String event(String action, long time, long timeNano) {
        return "{\"Type\":\"container\",\"Action\":\"" + action + "\",\"Actor\":{\"ID\":\"0f6bcff9009824099b8a\","
                + "\"Attributes\":{\"name\":\"web\"}},\"time\":" + time + ",\"timeNano\":" + timeNano + "}\n";
    }

    private static void awaitSize(List<?> list, int size) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (list.size() < size && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(list).hasSize(size);
    }

    private static DockerHttpClient.Response response(String body) {
        InputStream in = new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
        return new DockerHttpClient.Response() {
            @Override
            public int getStatusCode() {
                return 200;
            }

            @Override
            public Map<String, List<String>> getHeaders() {
                return Map.of();
            }

            @Override
            public InputStream getBody() {
                return in;
            }

            @Override
            public void close() {}
        };
    }
}
