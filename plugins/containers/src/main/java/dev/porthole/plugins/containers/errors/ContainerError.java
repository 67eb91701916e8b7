package dev.porthole.plugins.containers.errors;

import java.util.Map;

/**
 * A refusal with one of the spec's codes, thrown from anywhere under a route; {@link ErrorShapes} writes it in the
 * route's API's shape. Its message is for the client: it never holds a secret.
 */
public final class ContainerError extends RuntimeException {
    private final ErrorCode code;
    private final Map<String, Object> details;

    public ContainerError(ErrorCode code, String message) {
        this(code, message, Map.of());
    }

    public ContainerError(ErrorCode code, String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.code = code;
        this.details = Map.copyOf(details);
    }

    public ErrorCode code() {
        return code;
    }

    /** Fields the body carries after the message, e.g. {@code field} or {@code retryAfter}. */
    public Map<String, Object> details() {
        return details;
    }

    public static ContainerError badField(String field, String message) {
        return new ContainerError(ErrorCode.INVALID_REQUEST, field + ": " + message, Map.of("field", field));
    }
}
