package dev.porthole.plugins.dockerssh.docker;

import dev.porthole.api.http.HttpError;
import dev.porthole.api.http.Request;
import dev.porthole.api.http.Response;
import dev.porthole.api.http.RouteHandler;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error the plugin answers, in spec 000's body shape {@code {"success": false, "error": "...", "code": "..."}},
 * which wins over problem+json for these routes. This is the one place such a body is made, and {@link #inSpecShape}
 * wraps every route so that nothing else leaves: an error of a host service and an unexpected exception are turned
 * into the same shape. Every code here is listed in {@code docs/api/docker-ssh.md}.
 */
public final class DockerErrors {
    private static final Logger LOG = LoggerFactory.getLogger(DockerErrors.class);

    // The codes: every one is listed in docs/api/docker-ssh.md (DocumentedCodesTest holds the two together).
    public static final String INVALID_PARAMETER = "INVALID_PARAMETER";
    public static final String UNAUTHORIZED = "UNAUTHORIZED";
    public static final String FORBIDDEN = "FORBIDDEN";
    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String INTERNAL_ERROR = "INTERNAL_ERROR";
    // sessions
    public static final String SESSION_NOT_FOUND = "SESSION_NOT_FOUND";
    public static final String HOST_NOT_FOUND = "HOST_NOT_FOUND";
    public static final String HOST_ACCESS_DENIED = "HOST_ACCESS_DENIED";
    public static final String DOCKER_DISABLED = "DOCKER_DISABLED";
    public static final String SESSION_EXPIRED = "SESSION_EXPIRED";
    public static final String SESSION_TIMEOUT = "SESSION_TIMEOUT";
    public static final String AUTH_FAILED = "AUTH_FAILED";
    public static final String TOTP_PENDING = "TOTP_PENDING";
    public static final String WARPGATE_PENDING = "WARPGATE_PENDING";
    // containers
    public static final String CONTAINER_NOT_FOUND = "CONTAINER_NOT_FOUND";
    public static final String CONTAINER_RUNNING = "CONTAINER_RUNNING";
    public static final String CONTAINER_PAUSED = "CONTAINER_PAUSED";
    public static final String CONTAINER_NOT_RUNNING = "CONTAINER_NOT_RUNNING";
    public static final String CONTAINER_NOT_PAUSED = "CONTAINER_NOT_PAUSED";
    public static final String CONTAINER_CONFLICT = "CONTAINER_CONFLICT";
    public static final String AMBIGUOUS_CONTAINER_ID = "AMBIGUOUS_CONTAINER_ID";
    public static final String DOCKER_ERROR = "DOCKER_ERROR";

    /** dockerd's words for an id prefix that matches several containers (a 500 up to 20.10, a 400 later). */
    private static final String AMBIGUOUS = "multiple ids found with provided prefix";

    private DockerErrors() {}

    /**
     * An error in the spec's shape.
     *
     * @param status 400-599
     * @param message the {@code error}, words the client can act on
     * @param code the {@code code}, one of those the docs list
     */
    public static HttpError of(int status, String message, String code) {
        return of(status, message, code, Map.of());
    }

    /** As {@link #of(int, String, String)}, with more members after {@code code} (e.g. {@code connectionLogs}). */
    public static HttpError of(int status, String message, String code, Map<String, ?> more) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("error", Objects.requireNonNull(message, "message"));
        body.put("code", Objects.requireNonNull(code, "code"));
        body.putAll(more);
        return HttpError.withResponse(Response.json(status, body));
    }

    /** A request value the host must never see: 400 naming the field. */
    public static HttpError badField(String field, String message) {
        return of(400, field + ": " + message, INVALID_PARAMETER, Map.of("field", field));
    }

    /** The spec's 400 for a session id with no connected session of the caller behind it. */
    public static HttpError sessionNotFound() {
        return of(400, "SSH session not found or not connected", SESSION_NOT_FOUND);
    }

    static HttpError notFound() {
        return of(404, "Container not found", CONTAINER_NOT_FOUND);
    }

    static HttpError removeRunning() {
        return of(400, "Cannot remove a running container. Stop it first or use force.", CONTAINER_RUNNING);
    }

    /**
     * What the daemon's refusal means for the client, told by its message (dockerd answers some of these 409, others
     * 500): a container in the wrong state for the action is 409 with the state that blocks it; an id prefix of
     * several containers is 400; anything else the daemon refuses keeps its status, with the daemon's words.
     *
     * @param status the daemon's HTTP status
     * @param message the daemon's {@code message}
     * @param container the id or name the request gave
     */
    static HttpError fromDaemon(int status, String message, ContainerRef container) {
        String lower = message.toLowerCase(Locale.ROOT);
        if (status == 404) {
            return notFound();
        }
        if (lower.contains(AMBIGUOUS)) {
            String ref = container == null ? "the id" : "'" + container.value() + "'";
            return of(
                    400,
                    "containerId: " + ref + " is the start of more than one container's id; give more of it",
                    AMBIGUOUS_CONTAINER_ID,
                    Map.of("field", "containerId"));
        }
        // "is already paused"; "cannot start a paused container"; "You cannot remove a paused container"
        if (lower.contains("is already paused") || lower.contains("a paused container")) {
            return of(409, message, CONTAINER_PAUSED);
        }
        if (lower.contains("is not paused")) {
            return of(409, message, CONTAINER_NOT_PAUSED);
        }
        if (lower.contains("is not running")) {
            return of(409, message, CONTAINER_NOT_RUNNING);
        }
        if (status == 409) {
            return of(409, message, CONTAINER_CONFLICT);
        }
        if (status == 400) {
            return of(400, message, INVALID_PARAMETER);
        }
        return of(500, message, DOCKER_ERROR);
    }

    /**
     * Docker cannot be used on the host, as validate reports it: {@code PERMISSION_DENIED} is 403 (the SSH user may not
     * use the daemon's socket), {@code NOT_INSTALLED} and {@code DAEMON_NOT_RUNNING} are 503.
     */
    static HttpError unavailable(Availability availability) {
        int status = Availability.PERMISSION_DENIED.equals(availability.code()) ? 403 : 503;
        return of(status, availability.error(), availability.code());
    }

    /** A broken exchange with the daemon: the spec's 500 "command execution error". */
    static HttpError failed(String message) {
        return of(500, message, DOCKER_ERROR);
    }

    /**
     * A host lookup ({@code hosts.require}, {@code ssh.target}) whose 404 or 403 problem is answered in the spec's
     * shape: {@code HOST_NOT_FOUND}, {@code HOST_ACCESS_DENIED}.
     */
    public static <T> T hostLookup(Supplier<T> lookup) {
        try {
            return lookup.get();
        } catch (HttpError e) {
            if (e.response().isPresent()) {
                throw e;
            }
            throw switch (e.status()) {
                case 404 -> of(404, "Host not found", HOST_NOT_FOUND);
                case 403 -> of(403, "Access denied: " + e.getMessage(), HOST_ACCESS_DENIED);
                default -> inSpecShape(e);
            };
        }
    }

    /** {@code handler} with every error it throws answered in the spec's shape, and nothing else. */
    public static RouteHandler inSpecShape(RouteHandler handler) {
        return request -> {
            try {
                return handler.handle(request);
            } catch (HttpError e) {
                throw e.response().isPresent() ? e : inSpecShape(e);
            } catch (Exception e) {
                throw unexpected(request, e);
            }
        };
    }

    /** An error of the host (a malformed body, nobody signed in) in the spec's shape, status and words kept. */
    private static HttpError inSpecShape(HttpError e) {
        String code =
                switch (e.status()) {
                    case 400 -> INVALID_PARAMETER;
                    case 401 -> UNAUTHORIZED;
                    case 403 -> FORBIDDEN;
                    case 404 -> NOT_FOUND;
                    default -> e.status() >= 500 ? INTERNAL_ERROR : INVALID_PARAMETER;
                };
        Map<String, Object> more = e.field()
                .<Map<String, Object>>map(field -> Map.of("field", field))
                .orElse(Map.of());
        return of(e.status(), e.getMessage(), code, more);
    }

    /** A fault of ours: logged with its cause; the client learns only that it happened, as the host's 500s do. */
    private static HttpError unexpected(Request request, Exception e) {
        LOG.error("{} {} failed", request.method(), request.path(), e);
        return of(
                500,
                "The Docker plugin could not complete the request; the cause is in the server's log.",
                INTERNAL_ERROR);
    }
}
