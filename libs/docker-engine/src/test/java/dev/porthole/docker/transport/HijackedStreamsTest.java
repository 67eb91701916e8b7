package dev.porthole.docker.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HostConfig;
import dev.porthole.docker.engine.DockerEngine;
import dev.porthole.docker.testing.FrameCollector;
import dev.porthole.docker.testing.ProcessDuplexStreamOpener;
import dev.porthole.test.DockerTestenv;
import java.io.ByteArrayInputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Writing to a container's stdin over the transport, as docker-java's transport TCK does (that TCK is not published
 * as an artifact): attach, and exec with stdin; over a {@code docker system dial-stdio} process and over the daemon's
 * socket alike.
 */
@ExtendWith(DockerTestenv.class)
class HijackedStreamsTest {
    private DockerEngine engine;
    private DockerClient docker;
    private String container;

    static Stream<Named<DuplexStreamOpener>> transports() {
        return Stream.of(
                Named.of("dial-stdio", ProcessDuplexStreamOpener.dialStdio()),
                Named.of("socket", UnixSocketStreams.opener(Path.of("/var/run/docker.sock"))));
    }

    private void connect(DuplexStreamOpener opener) {
        engine = DockerEngine.over(new DialStdioDockerHttpClient(opener, DialStdioClientConfig.DEFAULTS));
        docker = engine.client();
    }

    @AfterEach
    void cleanUp() throws Exception {
        try (DockerEngine closing = engine) {
            if (container != null) {
                closing.client().removeContainerCmd(container).withForce(true).exec();
            }
        }
    }

    /** A container that answers each line of its stdin, attached before it starts so no output is missed. */
    private FrameCollector attachToStdin(String script, PipedInputStream stdin) throws InterruptedException {
        container = docker.createContainerCmd(DockerTestenv.IMAGE)
                .withCmd("sh", "-c", script)
                .withStdinOpen(true)
                .withAttachStdin(true)
                .withAttachStdout(true)
                .withHostConfig(HostConfig.newHostConfig().withInit(true))
                .exec()
                .getId();
        FrameCollector out = docker.attachContainerCmd(container)
                .withStdIn(stdin)
                .withStdOut(true)
                .withFollowStream(true)
                .exec(new FrameCollector());
        assertThat(out.awaitStarted(10, TimeUnit.SECONDS)).as("attached").isTrue();
        docker.startContainerCmd(container).exec();
        return out;
    }

    @ParameterizedTest
    @MethodSource("transports")
    void attachesToStdinAndReadsTheAnswer(DuplexStreamOpener opener) throws Exception {
        connect(opener);
        try (PipedOutputStream toContainer = new PipedOutputStream();
                PipedInputStream stdin = new PipedInputStream(toContainer);
                FrameCollector out = attachToStdin("read line && echo got: $line", stdin)) {
            toContainer.write("hello world\n".getBytes(StandardCharsets.UTF_8));
            toContainer.flush();
            assertThat(out.awaitCompletion(20, TimeUnit.SECONDS))
                    .as("completed")
                    .isTrue();
            assertThat(out.text()).isEqualTo("got: hello world\n");
        }
    }

    /**
     * Each line is written while the transport's reader waits on the same stream for the answer to the one before: a
     * stream whose write waits for a pending read to end (as JDK 17's channel streams do) hangs at the second line.
     */
    @ParameterizedTest
    @MethodSource("transports")
    void writesStdinWhileReadingTheContainersOutput(DuplexStreamOpener opener) throws Exception {
        connect(opener);
        try (PipedOutputStream toContainer = new PipedOutputStream();
                PipedInputStream stdin = new PipedInputStream(toContainer);
                FrameCollector out = attachToStdin("while read line; do echo got: $line; done", stdin)) {
            for (String line : new String[] {"one", "two", "three"}) {
                toContainer.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                toContainer.flush();
                assertThat(out.awaitText("got: " + line + "\n", Duration.ofSeconds(10)))
                        .as("answer to %s while attached", line)
                        .isTrue();
            }
            toContainer.close();
            assertThat(out.awaitCompletion(20, TimeUnit.SECONDS))
                    .as("completed at the end of stdin")
                    .isTrue();
            assertThat(out.text()).isEqualTo("got: one\ngot: two\ngot: three\n");
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void execsWithStdinToItsEnd(DuplexStreamOpener opener) throws Exception {
        connect(opener);
        container = docker.createContainerCmd(DockerTestenv.IMAGE)
                .withCmd("sleep", "300")
                .withHostConfig(HostConfig.newHostConfig().withInit(true))
                .exec()
                .getId();
        docker.startContainerCmd(container).exec();
        String exec = docker.execCreateCmd(container)
                .withCmd("wc", "-l")
                .withAttachStdin(true)
                .withAttachStdout(true)
                .exec()
                .getId();
        try (FrameCollector out = new FrameCollector()) {
            docker.execStartCmd(exec)
                    .withStdIn(new ByteArrayInputStream("a\nb\nc\n".getBytes(StandardCharsets.UTF_8)))
                    .exec(out);
            assertThat(out.awaitCompletion(20, TimeUnit.SECONDS))
                    .as("completed")
                    .isTrue();
            // wc ends only when stdin ends: the transport half-closed the stream after the input.
            assertThat(out.text().strip()).isEqualTo("3");
        }
    }
}
