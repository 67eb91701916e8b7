package dev.porthole.docker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The CLI's arithmetic on hand-made stats documents; docker-ssh's StatsCalculatorTest runs it on recorded ones. */
class DockerStatsMathTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void cpuIsTheContainersShareOfTheSystemDeltaTimesTheOnlineCpus() throws Exception {
        JsonNode stats = json("{\"cpu_stats\":{\"cpu_usage\":{\"total_usage\":3000000000},"
                + "\"system_cpu_usage\":104000000000,\"online_cpus\":4},"
                + "\"precpu_stats\":{\"cpu_usage\":{\"total_usage\":2500000000},\"system_cpu_usage\":100000000000}}");
        // (3.0e9 - 2.5e9) / (104e9 - 100e9) * 4 CPUs * 100
        assertThat(DockerStatsMath.cpuPercent(stats)).isCloseTo(50.0, offset(1e-9));
    }

    @Test
    void cpuIsZeroWithoutAPreviousSampleAndCountsPerCpuEntriesWithoutOnlineCpus() throws Exception {
        assertThat(DockerStatsMath.cpuPercent(json("{\"cpu_stats\":{},\"precpu_stats\":{}}")))
                .isZero();
        JsonNode older = json("{\"cpu_stats\":{\"cpu_usage\":{\"total_usage\":200,\"percpu_usage\":[1,1,1]},"
                + "\"system_cpu_usage\":1000},\"precpu_stats\":{\"cpu_usage\":{\"total_usage\":100},"
                + "\"system_cpu_usage\":500}}");
        assertThat(DockerStatsMath.cpuPercent(older)).isCloseTo(60.0, offset(1e-9));
    }

    @Test
    void onlineCpusFallBackToThePerCpuCounters() throws Exception {
        assertThat(DockerStatsMath.onlineCpus(
                        json("{\"cpu_stats\":{\"online_cpus\":2,\"cpu_usage\":{\"percpu_usage\":[1,1,1,1]}}}")))
                .isEqualTo(2);
        assertThat(DockerStatsMath.onlineCpus(json("{\"cpu_stats\":{\"cpu_usage\":{\"percpu_usage\":[1,1,1]}}}")))
                .isEqualTo(3);
        assertThat(DockerStatsMath.onlineCpus(json("{}"))).isZero();
    }

    @Test
    void cgroupV1SubtractsTotalInactiveFileNotTheLocalCounter() throws Exception {
        JsonNode memory = json("{\"usage\":1000,\"stats\":{\"total_inactive_file\":300,\"inactive_file\":100}}");
        assertThat(DockerStatsMath.memoryUsage(memory)).isEqualTo(700);
    }

    @Test
    void cgroupV2SubtractsInactiveFile() throws Exception {
        JsonNode memory = json("{\"usage\":52428800,\"stats\":{\"inactive_file\":10485760,\"file\":20971520}}");
        assertThat(DockerStatsMath.memoryUsage(memory)).isEqualTo(41943040);
    }

    @Test
    void keepsUsageWhenTheCacheCounterIsNotBelowIt() throws Exception {
        assertThat(DockerStatsMath.memoryUsage(json("{\"usage\":100,\"stats\":{\"inactive_file\":100}}")))
                .isEqualTo(100);
        assertThat(DockerStatsMath.memoryUsage(json("{\"usage\":100,\"stats\":{\"total_inactive_file\":150}}")))
                .isEqualTo(100);
        assertThat(DockerStatsMath.memoryUsage(json("{}"))).isZero();
    }

    @Test
    void networkBytesAreSummedOverTheInterfaces() throws Exception {
        JsonNode networks = json(
                "{\"eth0\":{\"rx_bytes\":1200,\"tx_bytes\":300}," + "\"eth1\":{\"rx_bytes\":800,\"tx_bytes\":2200}}");
        assertThat(DockerStatsMath.networkBytes(networks)).containsExactly(2000, 2500);
    }

    @Test
    void noNetworksAreZeroBytes() throws Exception {
        // a container with --network none has no "networks" at all
        assertThat(DockerStatsMath.networkBytes(json("{}").path("networks"))).containsExactly(0, 0);
    }
}
