package dev.porthole.plugins.dockerruntime.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.porthole.test.DockerTestenv;
import dev.porthole.test.Porthole;
import dev.porthole.test.WithPorthole;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Spec 004's log streams over {@code /api/v1/ws}, from the real local dockerd. */
@WithPorthole(
        requiredPlugins = "../containers/target/classes",
        properties = "porthole.plugin-settings.containers.rate-limit-burst=100000")
@ExtendWith(DockerTestenv.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LogsE2ETest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private Porthole porthole;
    private Fixture fixture;
    private long env;

    @BeforeAll
    void setUp(Porthole porthole) throws Exception {
        this.porthole = porthole;
        fixture = new Fixture(porthole);
        env = fixture.localEnvironment("logs-" + fixture.run);
    }

    @AfterAll
    void tearDown() throws Exception {
        if (fixture != null) {
            fixture.removeAll();
        }
    }

    private static Map<String, Object> subscribe(String container, Object... more) {
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("containerId", container);
        for (int i = 0; i < more.length; i += 2) {
            data.put((String) more[i], more[i + 1]);
        }
        return data;
    }

    private static List<String> lines(JsonSocket socket, String type, int count) throws InterruptedException {
        List<String> lines = new ArrayList<>();
        while (lines.size() < count) {
            Map<String, Object> message = socket.awaitType(type, WAIT);
            lines.add(JsonSocket.data(message).get("stream") + ":"
                    + JsonSocket.data(message).get("message"));
        }
        return lines;
    }

    @Test
    void tailSplitsStdoutFromStderrAndEndsWhenNotFollowing() throws Exception {
        String writer = fixture.running(
                "writer",
                // dockerd copies each stream on its own: the pauses keep the log's order that of the writes
                "for i in 1 2 3 4 5; do echo out$i; sleep 0.1; echo err$i >&2; sleep 0.1; done; sleep 3600");
        Thread.sleep(1500);
        try (JsonSocket socket = JsonSocket.open(porthole, porthole.adminToken())) {
            socket.send("container.logs.subscribe", subscribe(writer, "tail", 4, "follow", false));
            assertThat(JsonSocket.data(socket.awaitType("container.logs.started", WAIT)))
                    .containsEntry("containerId", Fixture.fullId(writer).substring(0, 12));
            List<String> lines = lines(socket, "container.logs", 4);
            assertThat(lines).containsExactlyInAnyOrder("stdout:out4", "stderr:err4", "stdout:out5", "stderr:err5");
            assertThat(JsonSocket.data(socket.awaitType("container.logs.ended", WAIT)))
                    .containsEntry("reason", "container_stopped");
        }
    }

    @Test
    void followStreamsNewLinesWithTimestampsUntilTheContainerStops() throws Exception {
        String ticker =
                fixture.running("ticker", "i=0; while [ $i -lt 1000 ]; do echo tick$i; i=$((i+1)); sleep 0.1; done");
        try (JsonSocket socket = JsonSocket.open(porthole, porthole.adminToken())) {
            socket.send("container.logs.subscribe", subscribe(ticker, "tail", 0, "timestamps", true));
            socket.awaitType("container.logs.started", WAIT);
            String first = (String)
                    JsonSocket.data(socket.awaitType("container.logs", WAIT)).get("message");
            assertThat(first).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d+Z tick\\d+");
            DockerTestenv.cli("stop", "-t", "1", ticker);
            assertThat(JsonSocket.data(socket.await(m -> "container.logs.ended".equals(m.get("type")), WAIT)))
                    .containsEntry("reason", "container_stopped");
        }
    }

    @Test
    void unsubscribeEndsTheStreamAsStopped() throws Exception {
        String chatty = fixture.running("chatty", "while :; do echo line; sleep 0.05; done");
        try (JsonSocket socket = JsonSocket.open(porthole, porthole.adminToken())) {
            socket.send("container.logs.subscribe", subscribe(chatty, "tail", 1));
            socket.awaitType("container.logs", WAIT);
            socket.send("container.logs.unsubscribe", subscribe(chatty));
            assertThat(JsonSocket.data(socket.awaitType("container.logs.ended", WAIT)))
                    .containsEntry("reason", "stopped");
            List<Map<String, Object>> after = socket.drain(Duration.ofMillis(700));
            assertThat(after).as("nothing after the end").noneMatch(m -> "container.logs".equals(m.get("type")));
        }
    }

    @Test
    void aLineOverOneMebibyteIsSkippedAndTheNextLinesArrive() throws Exception {
        String big = fixture.running(
                "big", "echo before; head -c 1500000 /dev/zero | tr '\\0' x; echo; echo after; sleep 3600");
        Thread.sleep(1000);
        try (JsonSocket socket = JsonSocket.open(porthole, porthole.adminToken())) {
            // dockerd keeps a long line as 16 KiB parts, each of which tail counts: 1000 reaches back past it
            socket.send("container.logs.subscribe", subscribe(big, "tail", 1000, "follow", false));
            List<String> lines = lines(socket, "container.logs", 2);
            assertThat(lines).containsExactly("stdout:before", "stdout:after");
        }
    }

    @Test
    void badSubscriptionsAreAnsweredWithAnError() throws Exception {
        try (JsonSocket socket = JsonSocket.open(porthole, porthole.adminToken())) {
            socket.send("container.logs.subscribe", subscribe("ph-none-" + fixture.run));
            assertThat(JsonSocket.data(socket.awaitType("container.logs.error", WAIT)))
                    .containsEntry("error", "CONTAINER_NOT_FOUND");
            socket.send("container.logs.subscribe", subscribe("x", "tail", 1001));
            assertThat(JsonSocket.data(socket.awaitType("container.logs.error", WAIT)))
                    .containsEntry("error", "INVALID_REQUEST");
        }
    }

    @Test
    void aUserWithoutTheLogsPermissionGetsNoLines() throws Exception {
        String quiet = fixture.running("quiet", "echo secret-line; sleep 3600");
        Fixture.User viewer = fixture.user("viewer");
        fixture.grant(env, Map.of(viewer, List.of("view")));
        try (JsonSocket socket = JsonSocket.open(porthole, viewer.token())) {
            socket.send("container.logs.subscribe", subscribe(quiet, "env", env));
            assertThat(JsonSocket.data(socket.awaitType("container.logs.error", WAIT)))
                    .containsEntry("error", "PERMISSION_DENIED");
        }
    }

    @Test
    void aSocketWithoutSignInIsClosed() throws Exception {
        try (JsonSocket socket = JsonSocket.open(porthole, null)) {
            assertThat(socket.awaitClose(WAIT)).isEqualTo(1008);
        }
    }
}
