package dev.porthole.plugins.dockerruntime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.porthole.plugins.containers.spi.EndpointSpec;
import dev.porthole.plugins.containers.spi.InvalidEndpointException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointSettingsTest {
    @Test
    void a_local_endpoint_may_name_its_socket_or_take_the_default() {
        assertThatCode(() -> EndpointSettings.check(Map.of("socket", "/run/docker.sock"), false))
                .doesNotThrowAnyException();
        assertThatCode(() -> EndpointSettings.check(Map.of(), false)).doesNotThrowAnyException();
        assertThat(EndpointSettings.reach(new EndpointSpec(Map.of(), Optional.empty()))
                        .where())
                .isEqualTo("the Docker socket /var/run/docker.sock");
        assertThat(EndpointSettings.reach(new EndpointSpec(Map.of("socket", "/run/d.sock"), Optional.empty()))
                        .where())
                .isEqualTo("the Docker socket /run/d.sock");
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker.sock", "run/docker.sock", "/run/../etc/docker.sock", "/run/..", "", "/run/\0x"})
    void a_socket_that_is_not_an_absolute_plain_path_is_refused_naming_socket(String socket) {
        assertThatThrownBy(() -> EndpointSettings.check(Map.of("socket", socket), false))
                .isInstanceOfSatisfying(InvalidEndpointException.class, e -> assertThat(e.setting())
                        .isEqualTo("socket"));
    }

    @Test
    void an_unknown_local_setting_is_refused_naming_it() {
        assertThatThrownBy(() -> EndpointSettings.check(Map.of("host", "tcp://x:2375"), false))
                .isInstanceOfSatisfying(InvalidEndpointException.class, e -> assertThat(e.setting())
                        .isEqualTo("host"))
                .hasMessageContaining("only 'socket'");
    }

    @Test
    void over_ssh_no_setting_is_taken_not_even_socket() {
        assertThatCode(() -> EndpointSettings.check(Map.of(), true)).doesNotThrowAnyException();
        assertThatThrownBy(() -> EndpointSettings.check(Map.of("socket", "/var/run/docker.sock"), true))
                .isInstanceOfSatisfying(InvalidEndpointException.class, e -> assertThat(e.setting())
                        .isEqualTo("socket"))
                .hasMessageContaining("dial-stdio");
    }
}
