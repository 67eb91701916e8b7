package dev.porthole.plugins.stats.routes;

import dev.porthole.api.http.ErrorBodies;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Host ids as spec 002 takes them: positive whole numbers, in a path, a body or a comma-separated query. */
final class HostIds {
    private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,17}");

    private HostIds() {}

    /** The path's {@code id}; spec 002's 400 {@code Invalid host ID} otherwise. */
    static long path(String text) {
        if (!ID.matcher(text).matches()) {
            throw ErrorBodies.error(400, "Invalid host ID: '" + shown(text) + "' is not a positive whole number");
        }
        return Long.parseLong(text);
    }

    /** A body's {@code hostId}: a positive whole number, not a string or a fraction; 400 {@code Invalid hostId}. */
    static long body(Object value, String field) {
        if (value instanceof Number number) {
            double d = number.doubleValue();
            if (d >= 1 && d == Math.rint(d) && d < 1e18) {
                return number.longValue();
            }
        }
        throw ErrorBodies.error(
                400, "Invalid " + field + ": " + field + " must be a positive whole number", Map.of("field", field));
    }

    /** {@code hostIds=1,2,3}: every entry a positive whole number, else 400 naming the query parameter. */
    static Set<Long> list(String text) {
        Set<Long> ids = new LinkedHashSet<>();
        for (String part : text.split(",", -1)) {
            String id = part.trim();
            if (!ID.matcher(id).matches()) {
                throw ErrorBodies.badField("hostIds", "'" + shown(id) + "' is not a positive whole number");
            }
            ids.add(Long.parseLong(id));
        }
        return ids;
    }

    private static String shown(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
