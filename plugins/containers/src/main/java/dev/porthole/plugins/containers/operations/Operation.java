package dev.porthole.plugins.containers.operations;

/**
 * One asynchronous lifecycle operation of spec 004, as {@code GET /api/v1/operations/{id}} shows it.
 *
 * @param state {@code running}, {@code completed} or {@code failed}
 * @param error the spec's code when failed, e.g. {@code CONTAINER_START_FAILED}; null otherwise
 * @param createdAt Unix seconds
 * @param finishedAt Unix seconds; 0 while running
 */
public record Operation(
        String id,
        long userId,
        String action,
        String containerId,
        long environmentId,
        String state,
        String error,
        String message,
        long createdAt,
        long finishedAt) {

    Operation finished(boolean success, String errorCode, String text, long at) {
        return new Operation(
                id,
                userId,
                action,
                containerId,
                environmentId,
                success ? "completed" : "failed",
                errorCode,
                text,
                createdAt,
                at);
    }
}
