package dev.porthole.docker.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Container;
import dev.porthole.docker.engine.DockerEngine;
import dev.porthole.docker.testing.FrameCollector;
import dev.porthole.test.DockerTestenv;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** docker-java over the local daemon's socket, through the same transport as over {@code dial-stdio}. */
@ExtendWith(DockerTestenv.class)
class UnixSocketDaemonTest {
    private static final Path SOCKET = Path.of("/var/run/docker.sock");

    private final AtomicInteger opened = new AtomicInteger();
    private final String name = "porthole-socket-test-" + UUID.randomUUID();

    private DockerEngine engine() {
        DuplexStreamOpener socket = UnixSocketStreams.opener(SOCKET);
        DuplexStreamOpener counting = () -> {
            opened.incrementAndGet();
            return socket.open();
        };
        return DockerEngine.over(new DialStdioDockerHttpClient(counting, DialStdioClientConfig.DEFAULTS));
    }

    @AfterEach
    void removeContainer() throws Exception {
        if (!DockerTestenv.cli("ps", "-aq", "--filter", "name=" + name).isEmpty()) {
            DockerTestenv.cli("rm", "-f", name);
        }
    }

    @Test
    void listsContainersOverOneKeptAliveConnection() throws Exception {
        String id = DockerTestenv.cli("create", "--name", name, DockerTestenv.IMAGE, "true");
        try (DockerEngine engine = engine()) {
            for (int i = 0; i < 3; i++) {
                List<Container> all =
                        engine.client().listContainersCmd().withShowAll(true).exec();
                assertThat(all)
                        .filteredOn(c -> List.of(c.getNames()).contains("/" + name))
                        .singleElement()
                        .satisfies(c -> {
                            assertThat(c.getId()).isEqualTo(id);
                            assertThat(c.getState()).isEqualTo("created");
                        });
            }
            assertThat(opened).as("connections for three sequential requests").hasValue(1);
        }
    }

    @Test
    void followsLogsWhileTheContainerRuns() throws Exception {
        DockerTestenv.cli(
                "run",
                "-d",
                "--init",
                "--name",
                name,
                DockerTestenv.IMAGE,
                "sh",
                "-c",
                "echo first; sleep 1; echo second; sleep 300");
        try (DockerEngine engine = engine();
                FrameCollector logs = engine.client()
                        .logContainerCmd(name)
                        .withStdOut(true)
                        .withFollowStream(true)
                        .exec(new FrameCollector())) {
            assertThat(logs.awaitText("second\n", Duration.ofSeconds(15)))
                    .as("a line written after the request")
                    .isTrue();
            assertThat(logs.text()).isEqualTo("first\nsecond\n");
            assertThat(logs.awaitCompletion(200, TimeUnit.MILLISECONDS))
                    .as("the stream stays open while the container runs")
                    .isFalse();
        }
    }
}
