package dev.porthole.plugins.stats.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.porthole.plugins.stats.collect.MetricsScript.Section;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The script's shape; {@link LocalHostMetricsTest} runs it. */
class MetricsScriptTest {
    private final MetricsScript script = new MetricsScript();

    @Test
    void sectionsInOrderWithCpuAndNetworkSampled() {
        assertThat(script.sections())
                .extracting(Section::name)
                .containsExactly(
                        "cpu",
                        "memory",
                        "disk",
                        "network",
                        "uptime",
                        "processes",
                        "system",
                        "logins",
                        "failed_logins",
                        "ports",
                        "firewall",
                        "temperature");
        assertThat(script.sections().stream().filter(Section::samples))
                .extracting(Section::name)
                .containsExactly("cpu", "network");
    }

    @Test
    void theOneExecScriptSleepsOnceWithEveryFirstReadingBeforeAndEverySecondAfter() {
        String text = script.script();
        assertThat(count(text, "sleep")).isEqualTo(2); // "sleep 0.5 || sleep 1": one pause, a fallback
        int pause = text.indexOf("sleep 0.5 || sleep 1");
        assertThat(text.indexOf("first_cpu=")).isLessThan(pause);
        assertThat(text.indexOf("first_network=")).isLessThan(pause);
        assertThat(text.indexOf("second_cpu=")).isGreaterThan(pause);
        assertThat(text.indexOf("second_network=")).isGreaterThan(pause);
        assertThat(count(text, "@@porthole-section "))
                .isEqualTo(script.sections().size());
        assertThat(text).endsWith("printf '\\n@@porthole-end\\n'\n");
    }

    @Test
    void inTheSplitFormOnlyRateSectionsPause() {
        for (Section section : script.sections()) {
            assertThat(count(script.commandFor(section), "sleep"))
                    .as(section.name())
                    .isEqualTo(section.samples() ? 2 : 0);
            assertThat(script.commandFor(section)).contains("@@porthole-section " + section.name());
        }
    }

    @Test
    void theCommandIsOneSingleQuotedWordForSh() {
        String command = script.command();
        assertThat(command).startsWith("sh -c '").endsWith("'");
        // between the outer quotes, every quote is the '\'' sequence
        String inner = command.substring("sh -c '".length(), command.length() - 1);
        assertThat(inner.replace("'\\''", "")).doesNotContain("'");
        assertThat(inner.replace("'\\''", "'")).isEqualTo(script.script());
    }

    @Test
    void scriptsFishWouldUnescapeAreRefused() {
        assertThatThrownBy(() -> MetricsScript.shell("printf '\\\\n'")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> MetricsScript.shell("echo \\'")).isInstanceOf(IllegalStateException.class);
        assertThat(MetricsScript.shell("printf 'a\\n'")).isEqualTo("sh -c 'printf '\\''a\\n'\\'''");
    }

    @Test
    void sectionNamesMustNameShellVariables() {
        assertThatThrownBy(() -> new Section("cpu-load", "", "true\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Section("x; rm", "", "true\n")).isInstanceOf(IllegalArgumentException.class);
    }

    private static int count(String text, String word) {
        Matcher m = Pattern.compile(Pattern.quote(word)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
