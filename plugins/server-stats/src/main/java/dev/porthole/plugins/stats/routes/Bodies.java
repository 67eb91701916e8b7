package dev.porthole.plugins.stats.routes;

import dev.porthole.api.http.ErrorBodies;
import dev.porthole.api.http.Request;
import java.util.Map;
import java.util.Optional;

/** Spec 002's small JSON bodies, read field by field so that each error names its field. */
final class Bodies {
    private Bodies() {}

    /** The body as an object; a missing body counts as {@code {}} for routes whose fields are all optional. */
    static Map<?, ?> object(Request request, boolean mayBeEmpty) {
        if (mayBeEmpty && request.bodyText().isBlank()) {
            return Map.of();
        }
        if (request.bodyJson() instanceof Map<?, ?> map) {
            return map;
        }
        throw ErrorBodies.badField("body", "must be a JSON object");
    }

    static long hostId(Map<?, ?> body) {
        return HostIds.body(body.get("hostId"), "hostId");
    }

    /** A required string: Termix's {@code Invalid viewerSessionId} when it is missing, empty or not a string. */
    static String string(Map<?, ?> body, String field) {
        return optionalString(body, field)
                .orElseThrow(() -> ErrorBodies.error(
                        400, "Invalid " + field + ": " + field + " is required", Map.of("field", field)));
    }

    static Optional<String> optionalString(Map<?, ?> body, String field) {
        Object value = body.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text) || text.isBlank()) {
            throw ErrorBodies.error(
                    400, "Invalid " + field + ": " + field + " must be a non-empty string", Map.of("field", field));
        }
        return Optional.of(text);
    }
}
