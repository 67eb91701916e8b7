package dev.porthole.plugins.dockerssh.docker;

import dev.porthole.api.http.HttpError;
import dev.porthole.api.http.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Errors in spec 000's body shape, {@code {"success": false, "error": "...", "code": "..."}}, which wins over
 * problem+json for these routes. The daemon's own message is passed on for failures the spec has no code for.
 */
public final class DockerErrors {
    static final String CONTAINER_NOT_FOUND = "CONTAINER_NOT_FOUND";
    static final String CONTAINER_RUNNING = "CONTAINER_RUNNING";
    static final String INVALID_PARAMETER = "INVALID_PARAMETER";

    private DockerErrors() {}

    static HttpError notFound() {
        return error(404, "Container not found", CONTAINER_NOT_FOUND, null);
    }

    static HttpError removeRunning() {
        return error(400, "Cannot remove a running container. Stop it first or use force.", CONTAINER_RUNNING, null);
    }

    /** A request value the host must never see: 400 naming the field. */
    public static HttpError badField(String field, String message) {
        return error(400, field + ": " + message, INVALID_PARAMETER, field);
    }

    /** The daemon refused or failed: 500 with its message, as the spec's "command execution error". */
    static HttpError failed(String message) {
        return error(500, message, null, null);
    }

    /** Any other error of the spec's routes, e.g. the session routes' 403 and 404; {@code code} may be null. */
    public static HttpError of(int status, String message, String code) {
        return error(status, message, code, null);
    }

    private static HttpError error(int status, String message, String code, String field) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("error", message);
        if (code != null) {
            body.put("code", code);
        }
        if (field != null) {
            body.put("field", field);
        }
        return HttpError.withResponse(Response.json(status, body));
    }
}
