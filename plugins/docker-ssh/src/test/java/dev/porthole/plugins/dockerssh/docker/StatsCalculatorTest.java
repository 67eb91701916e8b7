package dev.porthole.plugins.dockerssh.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The snapshot of recorded stats documents, formatted as {@code docker stats} shows them. */
class StatsCalculatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode resource(String name) throws IOException {
        try (InputStream in = StatsCalculatorTest.class.getResourceAsStream("/stats/" + name)) {
            return JSON.readTree(in);
        }
    }

    /**
     * Recorded on this machine (cgroup v1, Docker 20.10) from a busy-looping container; {@code docker stats} showed
     * "740KiB / 23.54GiB" and "806B" received for its own, slightly later sample.
     */
    @Test
    void computesACgroupV1SampleAsTheCliDoes() throws IOException {
        StatsSnapshot s = StatsCalculator.snapshot(resource("cgroup-v1-docker-20.10.json"));
        // (2001769191 - 1285407732) / (23929910000000 - 23927900000000) * 2 CPUs * 100
        assertThat(s.cpu()).isEqualTo("71.28%");
        assertThat(s.memoryUsed()).isEqualTo("740KiB");
        assertThat(s.memoryLimit()).isEqualTo("23.54GiB");
        assertThat(s.memoryPercent()).isEqualTo("0.00%");
        assertThat(s.netInput()).isEqualTo("736B");
        assertThat(s.netOutput()).isEqualTo("0B");
        assertThat(s.blockRead()).isEqualTo("0B");
        assertThat(s.blockWrite()).isEqualTo("0B");
        assertThat(s.pids()).isEqualTo("2");
    }

    /**
     * A document in the shape a Docker 20.10 daemon on a cgroup v2 host sends (no per-CPU usage, lower-case block I/O
     * operations, {@code inactive_file} without the v1 {@code total_} counters). Written by hand: this machine runs
     * cgroup v1, so no v2 sample can be recorded here.
     */
    @Test
    void computesACgroupV2SampleAsTheCliDoes() throws IOException {
        StatsSnapshot s = StatsCalculator.snapshot(resource("cgroup-v2-docker-20.10.json"));
        // (3.0e9 - 2.5e9) / (104e9 - 100e9) * 4 CPUs * 100
        assertThat(s.cpu()).isEqualTo("50.00%");
        // 50 MiB used, of which 10 MiB inactive file cache
        assertThat(s.memoryUsed()).isEqualTo("40MiB");
        assertThat(s.memoryLimit()).isEqualTo("2GiB");
        assertThat(s.memoryPercent()).isEqualTo("1.95%");
        assertThat(s.netInput()).isEqualTo("2kB");
        assertThat(s.netOutput()).isEqualTo("2.5kB");
        // 1 MiB + 512 KiB read over two devices, in decimal units as the CLI writes I/O
        assertThat(s.blockRead()).isEqualTo("1.57MB");
        assertThat(s.blockWrite()).isEqualTo("4.1kB");
        assertThat(s.pids()).isEqualTo("7");
    }
}
