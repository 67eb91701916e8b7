package dev.porthole.plugins.dockerssh.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import dev.porthole.plugins.dockerssh.docker.DockerEngine;
import dev.porthole.plugins.dockerssh.testing.DockerDaemon;
import dev.porthole.plugins.dockerssh.testing.ProcessDuplexStreamOpener;
import java.io.ByteArrayInputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Writing to a container's stdin over the transport, as docker-java's transport TCK does (that TCK is not published
 * as an artifact): attach, and exec with stdin.
 */
@ExtendWith(DockerDaemon.class)
class HijackedStreamsTest {
    private DockerEngine engine;
    private DockerClient docker;
    private String container;

    @BeforeEach
    void connect() {
        engine = DockerEngine.over(
                new DialStdioDockerHttpClient(ProcessDuplexStreamOpener.dialStdio(), DialStdioClientConfig.DEFAULTS));
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

    @Test
    void attachesToStdinAndReadsTheAnswer() throws Exception {
        container = docker.createContainerCmd(DockerDaemon.IMAGE)
                .withCmd("sh", "-c", "read line && echo got: $line")
                .withStdinOpen(true)
                .withAttachStdin(true)
                .withAttachStdout(true)
                .withHostConfig(HostConfig.newHostConfig().withInit(true))
                .exec()
                .getId();
        try (PipedOutputStream toContainer = new PipedOutputStream();
                PipedInputStream stdin = new PipedInputStream(toContainer);
                Collector out = new Collector()) {
            docker.attachContainerCmd(container)
                    .withStdIn(stdin)
                    .withStdOut(true)
                    .withFollowStream(true)
                    .exec(out);
            assertThat(out.awaitStarted(10, TimeUnit.SECONDS)).as("attached").isTrue();
            docker.startContainerCmd(container).exec();
            toContainer.write("hello world\n".getBytes(StandardCharsets.UTF_8));
            toContainer.flush();
            assertThat(out.awaitCompletion(20, TimeUnit.SECONDS))
                    .as("completed")
                    .isTrue();
            assertThat(out.text()).isEqualTo("got: hello world\n");
        }
    }

    @Test
    void execsWithStdinToItsEnd() throws Exception {
        container = docker.createContainerCmd(DockerDaemon.IMAGE)
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
        try (Collector out = new Collector()) {
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

    private static final class Collector extends ResultCallback.Adapter<Frame> {
        private final StringBuffer text = new StringBuffer();

        @Override
        public void onNext(Frame frame) {
            text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
        }

        String text() {
            return text.toString();
        }
    }
}
