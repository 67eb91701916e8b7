package dev.porthole.plugins.containers.routes;

import dev.porthole.api.http.Request;
import dev.porthole.plugins.containers.errors.ContainerError;
import dev.porthole.plugins.containers.spi.ContainerInfo;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Porthole's {@code label} parameter of the list and the bulk operations, as {@code docker ps --filter label=...} takes
 * it: {@code key} (the label is set) or {@code key=value}, repeatable, all must hold. Without it a bulk operation
 * reaches every container of the environment; with it, a stack's containers alone.
 */
final class LabelFilter {
    private LabelFilter() {}

    static Predicate<ContainerInfo> of(Request request) {
        List<String> labels = request.queryParams().getOrDefault("label", List.of());
        Predicate<ContainerInfo> all = c -> true;
        for (String label : labels) {
            if (label.isBlank() || label.startsWith("=")) {
                throw ContainerError.badField("label", "'" + label + "' is not key or key=value");
            }
            int eq = label.indexOf('=');
            String key = eq < 0 ? label : label.substring(0, eq);
            String value = eq < 0 ? null : label.substring(eq + 1);
            all = all.and(c -> matches(c.labels(), key, value));
        }
        return all;
    }

    private static boolean matches(Map<String, String> labels, String key, String value) {
        return value == null ? labels.containsKey(key) : value.equals(labels.get(key));
    }
}
