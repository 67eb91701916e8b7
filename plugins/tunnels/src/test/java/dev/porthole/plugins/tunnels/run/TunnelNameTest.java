package dev.porthole.plugins.tunnels.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.porthole.api.hosts.Host;
import dev.porthole.api.hosts.HostAccess;
import dev.porthole.api.hosts.TunnelDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class TunnelNameTest {
    static Host host(long id, String name) {
        return new Host(
                id,
                name,
                "10.0.0.10",
                22,
                "ubuntu",
                "key",
                Optional.empty(),
                false,
                true,
                false,
                List.of(),
                1,
                HostAccess.OWNER);
    }

    static TunnelDefinition tunnel(int index, String mode, String endpointHost, Integer endpointPort) {
        return new TunnelDefinition(
                index,
                Optional.empty(),
                mode,
                8080,
                Optional.ofNullable(endpointHost),
                endpointPort == null ? OptionalInt.empty() : OptionalInt.of(endpointPort),
                3,
                Duration.ofSeconds(5),
                false);
    }

    @Test
    void the_name_is_spec_001_s_six_parts_with_the_host_s_name() {
        assertThat(TunnelName.of(host(1, "web-1"), tunnel(0, "local", "endpoint", 80))
                        .toString())
                .isEqualTo("1::0::web-1::8080::endpoint::80");
    }

    @Test
    void a_host_without_a_name_shows_as_user_at_address_and_a_dynamic_tunnel_has_an_empty_endpoint() {
        assertThat(TunnelName.of(host(7, ""), tunnel(2, "dynamic", null, null)).toString())
                .isEqualTo("7::2::ubuntu@10.0.0.10::8080::::");
    }

    @Test
    void parsing_reads_back_what_was_written_and_refuses_anything_else() {
        TunnelName name = TunnelName.of(host(1, "web-1"), tunnel(0, "local", "endpoint", 80));
        assertThat(TunnelName.parse(name.toString())).contains(name);
        assertThat(TunnelName.parse("7::2::ubuntu@10.0.0.10::8080::::"))
                .get()
                .extracting(TunnelName::hostId)
                .isEqualTo(7L);
        assertThat(TunnelName.parse("1::0::web-1::8080::endpoint")).isEmpty();
        assertThat(TunnelName.parse("x::0::web-1::8080::endpoint::80")).isEmpty();
        assertThat(TunnelName.parse("0::0::web-1::8080::endpoint::80")).isEmpty();
        assertThat(TunnelName.parse("1::-1::web-1::8080::endpoint::80")).isEmpty();
        assertThat(TunnelName.parse("1_0_web-1")).isEmpty();
    }
}
