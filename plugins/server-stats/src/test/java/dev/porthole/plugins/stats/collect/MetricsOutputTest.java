package dev.porthole.plugins.stats.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

class MetricsOutputTest {

    @Test
    void sectionsWithoutHeadersOrTrailingBlankLines() {
        String stdout = """

                @@porthole-section uptime
                12.00 20.00

                @@porthole-section system
                hostname a
                kernel 6.1

                @@porthole-end
                """;
        assertThat(MetricsOutput.split(stdout))
                .containsExactly(entry("uptime", "12.00 20.00"), entry("system", "hostname a\nkernel 6.1"));
    }

    @Test
    void aSectionCutOffBeforeTheNextHeaderOrTheEndIsDropped() {
        String stdout =
                "\n@@porthole-section uptime\n12.00 20.00\n\n@@porthole-section firewall\niptables\n*filter\n:IN";
        assertThat(MetricsOutput.split(stdout)).containsExactly(entry("uptime", "12.00 20.00"));
    }

    @Test
    void splitFormOutputsConcatenatedParseAsOne() {
        String uptime = "\n@@porthole-section uptime\n1.00 2.00\n\n@@porthole-end\n";
        String system = "\n@@porthole-section system\nhostname b\n\n@@porthole-end\n";
        String again = "\n@@porthole-section uptime\n3.00 4.00\n\n@@porthole-end\n";
        assertThat(MetricsOutput.split(uptime + system + again))
                .containsExactly(entry("uptime", "3.00 4.00"), entry("system", "hostname b"));
    }

    @Test
    void headersCountOnlyAtTheStartOfALine() {
        // ps prints the script's own command line, headers and all
        String stdout =
                "\n@@porthole-section processes\n  PID COMMAND\n  7 sh -c printf '\\n@@porthole-section cpu\\n'\n"
                        + "@@porthole-end\n";
        assertThat(MetricsOutput.split(stdout))
                .containsOnlyKeys("processes")
                .containsEntry("processes", "  PID COMMAND\n  7 sh -c printf '\\n@@porthole-section cpu\\n'");
    }

    @Test
    void textBeforeTheFirstHeaderAndAfterTheEndIsIgnored() {
        String stdout = "Welcome to the host!\n\n@@porthole-section uptime\n5.00 6.00\n@@porthole-end\nbye\n";
        assertThat(MetricsOutput.split(stdout)).containsExactly(entry("uptime", "5.00 6.00"));
    }
}
