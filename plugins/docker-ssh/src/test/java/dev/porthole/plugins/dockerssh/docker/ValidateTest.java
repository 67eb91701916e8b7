package dev.porthole.plugins.dockerssh.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.porthole.docker.engine.DockerEngine;
import dev.porthole.docker.testing.ProcessDuplexStreamOpener;
import dev.porthole.docker.transport.DialStdioClientConfig;
import dev.porthole.docker.transport.DialStdioDockerHttpClient;
import dev.porthole.test.DockerTestenv;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The availability check told apart by what a real {@code dial-stdio} command does: the same commands, exits and
 * stderr the SSH service will pass on from a remote host.
 */
@ExtendWith(DockerTestenv.class)
class ValidateTest {
    private static Availability validate(List<String> command) throws Exception {
        return validate(command, DialStdioClientConfig.DEFAULTS);
    }

    private static Availability validate(List<String> command, DialStdioClientConfig config) throws Exception {
        try (DockerEngine engine =
                DockerEngine.over(new DialStdioDockerHttpClient(new ProcessDuplexStreamOpener(command), config))) {
            return new DockerOperations(engine, DockerOperations.DEFAULT_MAX_LOG_BYTES).validate();
        }
    }

    @Test
    void aHostWithoutDockerIsNotInstalled() throws Exception {
        // What OpenSSH runs: the user's shell, which answers 127 for an unknown command.
        Availability a = validate(List.of("sh", "-c", "porthole-no-docker-here system dial-stdio"));
        assertThat(a.available()).isFalse();
        assertThat(a.code()).isEqualTo(Availability.NOT_INSTALLED);
        assertThat(a.version()).isNull();
    }

    @Test
    void aDaemonThatIsNotListeningIsNotRunning() throws Exception {
        Availability a = validate(List.of("docker", "-H", "unix:///nonexistent/docker.sock", "system", "dial-stdio"));
        assertThat(a.code()).isEqualTo(Availability.DAEMON_NOT_RUNNING);
        assertThat(a.error()).contains("/nonexistent/docker.sock");
    }

    @Test
    void aCommandThatNeverAnswersIsADaemonNotRunning() throws Exception {
        DialStdioClientConfig impatient = new DialStdioClientConfig(
                1, java.time.Duration.ofMillis(500), java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(60));
        Availability a = validate(List.of("sh", "-c", "cat >/dev/null"), impatient);
        assertThat(a.code()).isEqualTo(Availability.DAEMON_NOT_RUNNING);
    }

    @Test
    void aUserOutsideTheDockerGroupIsPermissionDenied() throws Exception {
        Assumptions.assumeTrue(
                "root".equals(System.getProperty("user.name")),
                "skipped: switching to the user nobody needs root (runuser)");
        Availability a = validate(List.of("runuser", "-u", "nobody", "--", "docker", "system", "dial-stdio"));
        assertThat(a.code()).isEqualTo(Availability.PERMISSION_DENIED);
        assertThat(a.error()).contains("permission denied");
    }
}
