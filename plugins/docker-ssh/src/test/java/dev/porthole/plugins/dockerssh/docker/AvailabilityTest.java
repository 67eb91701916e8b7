package dev.porthole.plugins.dockerssh.docker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The stderr lines are what docker 20.10/28.x and the shells print here (see DockerOperationsTest for the real runs). */
class AvailabilityTest {
    @Test
    void aMissingCommandIsNotInstalled() {
        assertThat(Availability.failed(127, "bash: line 1: docker: command not found")
                        .code())
                .isEqualTo(Availability.NOT_INSTALLED);
        assertThat(Availability.failed(127, "sh: 1: docker: not found").code()).isEqualTo(Availability.NOT_INSTALLED);
    }

    @Test
    void aRefusedSocketIsPermissionDenied() {
        Availability a = Availability.failed(
                1,
                "failed to open the raw stream connection: dial unix /var/run/docker.sock: connect: permission denied");
        assertThat(a.code()).isEqualTo(Availability.PERMISSION_DENIED);
        assertThat(a.error()).contains("dial unix /var/run/docker.sock");
    }

    @Test
    void aMissingOrRefusingSocketIsADaemonNotRunning() {
        assertThat(Availability.failed(
                                1,
                                "failed to open the raw stream connection: dial unix /var/run/docker.sock: connect: "
                                        + "no such file or directory")
                        .code())
                .isEqualTo(Availability.DAEMON_NOT_RUNNING);
        assertThat(Availability.failed(1, "dial unix /var/run/docker.sock: connect: connection refused")
                        .code())
                .isEqualTo(Availability.DAEMON_NOT_RUNNING);
    }

    @Test
    void aCommandThatRunsButGetsNoAnswerIsADaemonNotRunningWhateverItsMessageSays() {
        assertThat(Availability.notAnswering("Status 404: page not found").code())
                .isEqualTo(Availability.DAEMON_NOT_RUNNING);
    }

    @Test
    void theBodyHasVersionOnlyWhenAvailableAndErrorAndCodeOnlyWhenNot() {
        assertThat(Availability.of("20.10.24").toJson())
                .containsExactly(java.util.Map.entry("available", true), java.util.Map.entry("version", "20.10.24"));
        assertThat(Availability.failed(127, "").toJson()).containsOnlyKeys("available", "error", "code");
    }
}
