package dev.porthole.plugins.dockerruntime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.porthole.plugins.containers.spi.ContainerInfo;
import dev.porthole.plugins.containers.spi.ContainerState;
import dev.porthole.plugins.containers.spi.PortMapping;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerSummariesTest {
    /** As dockerd 20.10 lists them (trimmed): a published and an unpublished port, labels, a link name. */
    private static final String LIST = """
            [{"Id":"0f6bcff9009824099b8a7a738ad1f06b92d9d302c8af00ea04faaaf281ffb854",
              "Names":["/front/db","/db"],"Image":"local/busybox:1","ImageID":"sha256:afd5",
              "Command":"sleep 100","Created":1796661574,
              "Ports":[{"IP":"127.0.0.1","PrivatePort":80,"PublicPort":18080,"Type":"tcp"},
                       {"PrivatePort":81,"Type":"udp"}],
              "Labels":{"nekzus.enable":"true","com.docker.compose.service":"db"},
              "State":"running","Status":"Up 2 hours","HostConfig":{"NetworkMode":"default"}},
             {"Id":"02d80e58bc959c02787c906edb74af60dcb8d183b1fb4784aea47cb97b464726",
              "Names":["/probe-created"],"Image":"sha256:afd570feaea6","Created":1796661575,
              "Ports":[],"Labels":null,"State":"created","Status":"Created"}]
            """;

    @Test
    void each_container_of_the_list_document() throws Exception {
        List<ContainerInfo> containers = ContainerSummaries.of(new ObjectMapper().readTree(LIST));

        assertThat(containers)
                .containsExactly(
                        new ContainerInfo(
                                "0f6bcff90098",
                                "0f6bcff9009824099b8a7a738ad1f06b92d9d302c8af00ea04faaaf281ffb854",
                                "db",
                                "local/busybox:1",
                                ContainerState.RUNNING,
                                "Up 2 hours",
                                1796661574,
                                List.of(
                                        new PortMapping("127.0.0.1", 80, 18080, "tcp"),
                                        new PortMapping("", 81, 0, "udp")),
                                Map.of("nekzus.enable", "true", "com.docker.compose.service", "db"),
                                ""),
                        new ContainerInfo(
                                "02d80e58bc95",
                                "02d80e58bc959c02787c906edb74af60dcb8d183b1fb4784aea47cb97b464726",
                                "probe-created",
                                "sha256:afd570feaea6",
                                ContainerState.CREATED,
                                "Created",
                                1796661575,
                                List.of(),
                                Map.of(),
                                ""));
    }

    @Test
    void a_container_with_only_link_names_keeps_the_first() throws Exception {
        String list = "[{\"Id\":\"abc\",\"Names\":[\"/a/b\",\"/c/d\"],\"State\":\"exited\"}]";

        assertThat(ContainerSummaries.of(new ObjectMapper().readTree(list))
                        .get(0)
                        .name())
                .isEqualTo("a/b");
    }
}
