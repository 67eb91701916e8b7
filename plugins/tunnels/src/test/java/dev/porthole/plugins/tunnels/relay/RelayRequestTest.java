package dev.porthole.plugins.tunnels.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.porthole.plugins.tunnels.run.Mode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RelayRequestTest {

    private static Map<String, Object> message(String type, Map<String, Object> tunnel) {
        Map<String, Object> message = new HashMap<>();
        message.put("type", type);
        message.put("tunnelConfig", tunnel);
        return message;
    }

    private static Map<String, Object> tunnel(Object... keysAndValues) {
        Map<String, Object> tunnel = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            tunnel.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return tunnel;
    }

    @Test
    void a_local_open_falls_back_to_the_tunnels_target_host_and_endpoint_port() {
        RelayRequest request = RelayRequest.parse(
                message("open", tunnel("sourceHostId", 7, "targetHost", "db.internal", "endpointPort", 5432)));
        assertThat(request.test()).isFalse();
        assertThat(request.sourceHostId()).isEqualTo(7);
        assertThat(request.mode()).isEqualTo(Mode.LOCAL);
        assertThat(request.target()).contains(new RelayRequest.Target("db.internal", 5432));
    }

    @Test
    void the_messages_own_target_wins_and_numbers_may_come_as_strings() {
        Map<String, Object> message = message("open", tunnel("sourceHostId", "7", "endpointPort", 5432));
        message.put("targetHost", "10.0.0.5");
        message.put("targetPort", "8080");
        assertThat(RelayRequest.parse(message).target()).contains(new RelayRequest.Target("10.0.0.5", 8080));
    }

    @Test
    void the_older_tunnel_type_field_names_the_mode() {
        RelayRequest request = RelayRequest.parse(message(
                "test",
                tunnel("sourceHostId", 7, "tunnelType", "remote", "sourcePort", 9000, "targetHost", "0.0.0.0")));
        assertThat(request.mode()).isEqualTo(Mode.REMOTE);
        assertThat(request.target()).isEmpty();
        assertThat(request.listenHost())
                .as("a remote tunnel listens on its targetHost")
                .isEqualTo("0.0.0.0");
        assertThat(request.sourcePort()).isEqualTo(9000);
    }

    @Test
    void a_dynamic_test_needs_no_target_but_a_dynamic_open_does() {
        assertThat(RelayRequest.parse(message("test", tunnel("sourceHostId", 7, "mode", "dynamic")))
                        .target())
                .isEmpty();
        assertThatThrownBy(() -> RelayRequest.parse(message("open", tunnel("sourceHostId", 7, "mode", "dynamic"))))
                .hasMessageContaining("targetHost");
    }

    @Test
    void what_cannot_start_a_relay_is_refused_with_the_reason() {
        assertThatThrownBy(() -> RelayRequest.parse("open")).hasMessage(RelayRequest.INVALID);
        assertThatThrownBy(() -> RelayRequest.parse(Map.of("type", "close"))).hasMessage(RelayRequest.INVALID);
        assertThatThrownBy(() -> RelayRequest.parse(message("open", tunnel("sourceHostId", 0))))
                .hasMessage("Endpoint SSH host is required");
        assertThatThrownBy(() -> RelayRequest.parse(message("open", tunnel("sourceHostId", 1.5))))
                .hasMessage("Endpoint SSH host is required");
        assertThatThrownBy(() -> RelayRequest.parse(
                        message("open", tunnel("sourceHostId", 7, "targetHost", "$(reboot)", "endpointPort", 80))))
                .hasMessageContaining("targetHost");
        assertThatThrownBy(() -> RelayRequest.parse(message("open", tunnel("sourceHostId", 7, "endpointPort", 0))))
                .hasMessageContaining("targetPort");
        assertThatThrownBy(() -> RelayRequest.parse(
                        message("test", tunnel("sourceHostId", 7, "mode", "remote", "sourcePort", 70000))))
                .hasMessageContaining("sourcePort");
        assertThatThrownBy(() -> RelayRequest.parse(message("open", tunnel("sourceHostId", 7, "mode", "up"))))
                .hasMessageContaining("Invalid client tunnel mode 'up'");
    }
}
