package dev.porthole.plugins.dockerruntime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.porthole.plugins.containers.spi.ContainerState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContainerStatesTest {
    @ParameterizedTest
    @CsvSource({
        "running, RUNNING",
        "paused, PAUSED",
        "restarting, RESTARTING",
        "created, CREATED",
        "exited, EXITED",
        "dead, FAILED",
        "removing, STOPPED",
        "Running, RUNNING",
        "hibernating, STOPPED"
    })
    void dockers_states_in_the_apis_words(String docker, ContainerState expected) {
        assertThat(ContainerStates.of(docker)).isEqualTo(expected);
    }
}
