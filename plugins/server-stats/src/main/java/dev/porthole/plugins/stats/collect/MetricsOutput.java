package dev.porthole.plugins.stats.collect;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Splits the stdout of {@link MetricsScript} into its sections.
 *
 * <p>A section counts only once something follows it (the next header or {@value MetricsScript#END}): output cut off
 * by the exec's timeout or output limit loses its last section rather than handing half of it to the parser.
 */
public final class MetricsOutput {
    private MetricsOutput() {}

    /**
     * Splits an exec's stdout, or several of them concatenated (the split form of {@link MetricsScript#commandFor}).
     *
     * @return each complete section's name → text, without its header and trailing newlines, in the order they came;
     *     a section that comes twice keeps its last text
     */
    public static Map<String, String> split(String stdout) {
        Map<String, String> sections = new LinkedHashMap<>();
        String name = null;
        StringBuilder text = new StringBuilder();
        for (String line : stdout.split("\n", -1)) {
            boolean header = line.startsWith(MetricsScript.SECTION_HEADER);
            if (name != null && (header || line.equals(MetricsScript.END))) {
                sections.put(name, text.toString().stripTrailing());
                name = null;
            }
            if (header) {
                name = line.substring(MetricsScript.SECTION_HEADER.length()).strip();
                text.setLength(0);
            } else if (name != null) {
                text.append(line).append('\n');
            }
        }
        return sections;
    }
}
