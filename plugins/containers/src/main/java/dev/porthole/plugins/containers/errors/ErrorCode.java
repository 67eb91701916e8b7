package dev.porthole.plugins.containers.errors;

/**
 * The error codes of spec 004's table, with their statuses, and the few the spec leaves out but a client needs (a
 * missing permission, the rate limit, an ambiguous name). Spec 003's routes answer the same failures as {@code {"error":
 * ...}} with the same statuses.
 */
public enum ErrorCode {
    CONTAINER_NOT_FOUND(404),
    CONTAINER_START_FAILED(500),
    CONTAINER_STOP_FAILED(500),
    CONTAINER_RESTART_FAILED(500),
    CONTAINER_PAUSE_FAILED(500),
    CONTAINER_UNPAUSE_FAILED(500),
    CONTAINER_REMOVE_FAILED(500),
    CONTAINER_ALREADY_STARTED(409),
    CONTAINER_ALREADY_STOPPED(409),
    /** Pause of a stopped container, remove of a running one without force: the runtime's words say which. */
    CONTAINER_STATE_CONFLICT(409),
    /** A name found in more than one environment of the caller's: {@code env} must say which. */
    AMBIGUOUS_CONTAINER(409),
    CONTAINER_INSPECT_FAILED(500),
    CONTAINER_STATS_FAILED(500),
    CONTAINER_LOGS_FAILED(500),
    CONTAINER_LIST_FAILED(500),
    INVALID_CONTAINER_ID(400),
    INVALID_RUNTIME(400),
    INVALID_TIMEOUT(400),
    INVALID_ACTION(400),
    EMPTY_CONTAINER_LIST(400),
    INVALID_REQUEST(400),
    INVALID_ENVIRONMENT(400),
    ENVIRONMENT_NOT_FOUND(404),
    ENVIRONMENT_NAME_TAKEN(409),
    NO_RUNTIME(500),
    RUNTIME_UNAVAILABLE(503),
    UNAUTHORIZED(401),
    PERMISSION_DENIED(403),
    OPERATION_NOT_FOUND(404),
    RATE_LIMITED(429);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** The code of a failed lifecycle action, e.g. {@code CONTAINER_STOP_FAILED}. */
    public static ErrorCode failedAction(String action) {
        return valueOf("CONTAINER_" + action.toUpperCase(java.util.Locale.ROOT) + "_FAILED");
    }
}
