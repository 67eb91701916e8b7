package dev.porthole.plugins.dockerssh.docker;

import static dev.porthole.plugins.dockerssh.docker.LogsQueryTest.assertBadField;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContainerRefTest {
    @Test
    void acceptsIdsAndNames() {
        assertThat(new ContainerRef("8b5ae6e9c66b").value()).isEqualTo("8b5ae6e9c66b");
        assertThat(new ContainerRef("web_1.prod-a").value()).isEqualTo("web_1.prod-a");
    }

    @Test
    void refusesAnythingElseBeforeItReachesTheHost() {
        for (String bad : new String[] {
            "", "-f", ".hidden", "../etc", "a/b", "a b", "a;reboot", "$(id)", "a\nb", "é", "x".repeat(256)
        }) {
            assertBadField(() -> new ContainerRef(bad), "containerId");
        }
        assertBadField(() -> new ContainerRef(null), "containerId");
    }
}
