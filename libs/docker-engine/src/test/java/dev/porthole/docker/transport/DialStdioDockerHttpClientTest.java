package dev.porthole.docker.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.transport.DockerHttpClient.Request;
import com.github.dockerjava.transport.DockerHttpClient.Response;
import dev.porthole.docker.testing.ProcessDuplexStreamOpener;
import dev.porthole.test.DockerTestenv;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The transport against the local dockerd, through a real {@code docker system dial-stdio} process per stream. */
@ExtendWith(DockerTestenv.class)
class DialStdioDockerHttpClientTest {
    private static final DialStdioClientConfig CONFIG =
            new DialStdioClientConfig(3, Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(60));

    private static Request get(String path) {
        return Request.builder().method(Request.Method.GET).path(path).build();
    }

    private static String body(Response response) throws IOException {
        return new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void pingsAndReadsJsonOverOneKeptAliveStream() throws Exception {
        ProcessDuplexStreamOpener opener = ProcessDuplexStreamOpener.dialStdio();
        try (DialStdioDockerHttpClient client = new DialStdioDockerHttpClient(opener, CONFIG)) {
            try (Response ping = client.execute(get("/_ping"))) {
                assertThat(ping.getStatusCode()).isEqualTo(200);
                assertThat(body(ping)).isEqualTo("OK");
                assertThat(ping.getHeader("Api-Version")).isNotBlank();
            }
            for (int i = 0; i < 5; i++) {
                try (Response list = client.execute(get("/containers/json?all=1"))) {
                    assertThat(list.getStatusCode()).isEqualTo(200);
                    assertThat(body(list)).startsWith("[");
                }
            }
            assertThat(opener.opened())
                    .as("streams opened for six sequential requests")
                    .isEqualTo(1);
        }
    }

    @Test
    void keepsTheStreamWhenTheCallerStopsReadingAtTheEndOfTheJson() throws Exception {
        ProcessDuplexStreamOpener opener = ProcessDuplexStreamOpener.dialStdio();
        try (DialStdioDockerHttpClient client = new DialStdioDockerHttpClient(opener, CONFIG)) {
            for (int i = 0; i < 3; i++) {
                try (Response version = client.execute(get("/version"))) {
                    // Read one byte only, as a JSON parser that stops early would leave the rest unread.
                    assertThat(version.getBody().read()).isEqualTo('{');
                }
            }
            assertThat(opener.opened()).isEqualTo(1);
        }
    }

    @Test
    void postsABodyAndGetsTheDaemonsErrorStatus() throws Exception {
        try (DialStdioDockerHttpClient client =
                new DialStdioDockerHttpClient(ProcessDuplexStreamOpener.dialStdio(), CONFIG)) {
            byte[] json = "{\"Image\":\"local/busybox:1\",\"Cmd\":[\"true\"]}".getBytes(StandardCharsets.UTF_8);
            Request create = Request.builder()
                    .method(Request.Method.POST)
                    .path("/containers/create?name=bad%2Fname")
                    .putHeader("Content-Type", "application/json")
                    .body(new ByteArrayInputStream(json))
                    .build();
            try (Response response = client.execute(create)) {
                assertThat(response.getStatusCode()).isEqualTo(400);
                assertThat(body(response)).contains("Invalid container name");
            }
            try (Response missing = client.execute(get("/containers/no-such-container-xyz/json"))) {
                assertThat(missing.getStatusCode()).isEqualTo(404);
            }
        }
    }

    @Test
    void runsConcurrentRequestsOnAtMostMaxStreams() throws Exception {
        ProcessDuplexStreamOpener opener = ProcessDuplexStreamOpener.dialStdio();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (DialStdioDockerHttpClient client = new DialStdioDockerHttpClient(opener, CONFIG)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    try (Response r = client.execute(get("/info"))) {
                        body(r);
                        return r.getStatusCode();
                    }
                }));
            }
            start.countDown();
            for (Future<Integer> result : results) {
                assertThat(result.get()).isEqualTo(200);
            }
            assertThat(opener.opened()).isBetween(1, CONFIG.maxStreams());
            assertThat(client.openStreams()).isBetween(1, CONFIG.maxStreams());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void replacesAPooledStreamWhoseCommandEnded() throws Exception {
        List<ProcessDuplexStreamOpener.ProcessStream> streams = new ArrayList<>();
        DuplexStreamOpener recording = () -> {
            var stream = (ProcessDuplexStreamOpener.ProcessStream)
                    ProcessDuplexStreamOpener.dialStdio().open();
            streams.add(stream);
            return stream;
        };
        try (DialStdioDockerHttpClient client = new DialStdioDockerHttpClient(recording, CONFIG)) {
            try (Response r = client.execute(get("/_ping"))) {
                body(r);
            }
            streams.get(0).process().destroy();
            streams.get(0).process().waitFor();
            // Past the validate-after-inactivity window, the pooled stream is checked and found at its end.
            Thread.sleep(2500);
            try (Response r = client.execute(get("/_ping"))) {
                assertThat(body(r)).isEqualTo("OK");
            }
            assertThat(streams).hasSize(2);
        }
    }

    @Test
    void explainsAFailedCommandWithItsStderrAndStatus() throws Exception {
        ProcessDuplexStreamOpener noDaemon = new ProcessDuplexStreamOpener(
                List.of("docker", "-H", "unix:///nonexistent/docker.sock", "system", "dial-stdio"));
        try (DialStdioDockerHttpClient client = new DialStdioDockerHttpClient(noDaemon, CONFIG)) {
            assertThatThrownBy(() -> client.execute(get("/_ping")))
                    .isInstanceOfSatisfying(DialStdioException.class, e -> {
                        assertThat(e.exit()).isPresent();
                        assertThat(e.exit().get().status()).isEqualTo(1);
                        assertThat(e.exit().get().stderr()).contains("no such file or directory");
                        assertThat(e.getMessage()).contains("status 1");
                    });
        }
    }

    @Test
    void timesOutAReadThatGetsNoAnswer() throws Exception {
        // `cat >/dev/null` accepts the request and never answers: the read timeout must end the wait.
        ProcessDuplexStreamOpener silent = new ProcessDuplexStreamOpener(List.of("sh", "-c", "cat >/dev/null"));
        DialStdioClientConfig shortRead =
                new DialStdioClientConfig(1, Duration.ofMillis(300), Duration.ofSeconds(5), Duration.ofSeconds(60));
        try (DialStdioDockerHttpClient client = new DialStdioDockerHttpClient(silent, shortRead)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> client.execute(get("/_ping")))
                    .isInstanceOf(DialStdioException.class)
                    .hasRootCauseInstanceOf(java.net.SocketTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void closingTheClientEndsEveryStreamItsProcessAndItsReaderThread() throws Exception {
        List<ProcessDuplexStreamOpener.ProcessStream> streams = new ArrayList<>();
        DuplexStreamOpener recording = () -> {
            var stream = (ProcessDuplexStreamOpener.ProcessStream)
                    ProcessDuplexStreamOpener.dialStdio().open();
            streams.add(stream);
            return stream;
        };
        DialStdioDockerHttpClient client = new DialStdioDockerHttpClient(recording, CONFIG);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(pool.submit(() -> {
                    try (Response r = client.execute(get("/info"))) {
                        return body(r);
                    }
                }));
            }
            for (Future<?> call : calls) {
                call.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(streams).isNotEmpty();
        client.close();
        for (var stream : streams) {
            assertThat(stream.process().waitFor(5, java.util.concurrent.TimeUnit.SECONDS))
                    .as("dial-stdio process ended")
                    .isTrue();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (readerThreads() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(readerThreads()).as("reader threads left running").isZero();
    }

    private static long readerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("docker-dial-stdio-"))
                .count();
    }

    @Test
    void closingAResponseWithAnEndlessBodyDoesNotWaitForItsEnd() throws Exception {
        ProcessDuplexStreamOpener opener = ProcessDuplexStreamOpener.dialStdio();
        try (DialStdioDockerHttpClient client = new DialStdioDockerHttpClient(opener, CONFIG)) {
            // The event stream never ends by itself; a capped log read leaves a long body unread the same way.
            Response events = client.execute(get("/events"));
            assertThat(events.getStatusCode()).isEqualTo(200);
            events.getBody();
            long start = System.nanoTime();
            events.close();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            try (Response ping = client.execute(get("/_ping"))) {
                assertThat(body(ping)).isEqualTo("OK");
            }
        }
    }
}
