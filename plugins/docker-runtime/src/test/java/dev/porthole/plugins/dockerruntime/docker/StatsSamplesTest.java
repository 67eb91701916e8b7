package dev.porthole.plugins.dockerruntime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.porthole.plugins.containers.spi.ContainerStats;
import dev.porthole.plugins.containers.spi.RuntimeFailure;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class StatsSamplesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(42), ZoneOffset.UTC);

    /** dockerd 20.10 on cgroup v1, a busy loop on 2 CPUs (trimmed): about 80 % of one CPU. */
    private static final String BUSY = """
            {"read":"2026-12-07T16:39:38.15193331Z","preread":"2026-12-07T16:39:37.146767972Z",
             "cpu_stats":{"cpu_usage":{"total_usage":2772040420},"system_cpu_usage":113871590000000,"online_cpus":2},
             "precpu_stats":{"cpu_usage":{"total_usage":1966818146},"system_cpu_usage":113869590000000,"online_cpus":2},
             "memory_stats":{"usage":3096576,"stats":{"total_inactive_file":2424832,"inactive_file":2424832},
                             "limit":25276194816},
             "networks":{"eth0":{"rx_bytes":736,"tx_bytes":10},"eth1":{"rx_bytes":264,"tx_bytes":5}}}
            """;

    @Test
    void a_sample_with_the_docker_clis_arithmetic() throws Exception {
        ContainerStats stats = StatsSamples.of("web", new ObjectMapper().readTree(BUSY), CLOCK);

        double expectedPercent = (2772040420.0 - 1966818146.0) / (113871590000000.0 - 113869590000000.0) * 2 * 100;
        assertThat(stats.cpuPercent()).isCloseTo(expectedPercent, within(1e-9));
        assertThat(stats.cpuPercent()).isBetween(80.0, 81.0);
        assertThat(stats.coresUsed()).isCloseTo(expectedPercent / 100, within(1e-9));
        assertThat(stats.totalCores()).isEqualTo(2.0);
        assertThat(stats.memoryUsed()).isEqualTo(3096576 - 2424832);
        assertThat(stats.memoryLimit()).isEqualTo(25276194816L);
        assertThat(stats.rxBytes()).isEqualTo(1000);
        assertThat(stats.txBytes()).isEqualTo(15);
        assertThat(stats.timestamp())
                .isEqualTo(Instant.parse("2026-12-07T16:39:38Z").getEpochSecond());
    }

    @Test
    void a_document_without_its_read_time_is_stamped_by_the_clock() throws Exception {
        String noRead = BUSY.replace("\"read\":\"2026-12-07T16:39:38.15193331Z\",", "");

        assertThat(StatsSamples.of("web", new ObjectMapper().readTree(noRead), CLOCK)
                        .timestamp())
                .isEqualTo(42);
    }

    @Test
    void a_container_that_is_not_running_is_a_conflict_not_zeros() throws Exception {
        // what dockerd answers for a created or exited container
        String empty = """
                {"read":"0001-01-01T00:00:00Z","preread":"0001-01-01T00:00:00Z","pids_stats":{},
                 "cpu_stats":{"cpu_usage":{"total_usage":0}},"precpu_stats":{"cpu_usage":{"total_usage":0}},
                 "memory_stats":{},"name":"/probe-created","id":"02d80e58bc95"}
                """;

        assertThatThrownBy(() -> StatsSamples.of("probe-created", new ObjectMapper().readTree(empty), CLOCK))
                .isInstanceOfSatisfying(
                        RuntimeFailure.class, f -> assertThat(f.kind()).isEqualTo(RuntimeFailure.Kind.CONFLICT))
                .hasMessageContaining("probe-created is not running");
    }
}
