package dev.porthole.plugins.containers.errors;

import dev.porthole.api.http.ErrorBodies;
import dev.porthole.api.http.HttpError;
import dev.porthole.api.http.Response;
import dev.porthole.api.http.RouteHandler;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wraps routes so that every error leaves in their API's shape, never as a stack trace: spec 004's routes answer
 * {@code {"error": message, "code": CODE}}, spec 003's {@code {"error": message}}, both with the code's status and any
 * details (the field at fault). A rate-limit refusal carries {@code Retry-After}.
 */
public final class ErrorShapes {
    private ErrorShapes() {}

    /** Spec 004's shape: the message and the code. */
    public static RouteHandler coded(RouteHandler handler) {
        return shaped(handler, true);
    }

    /** Spec 003's shape: the message alone. */
    public static RouteHandler plain(RouteHandler handler) {
        return shaped(handler, false);
    }

    private static RouteHandler shaped(RouteHandler handler, boolean withCode) {
        return ErrorBodies.inErrorShape(request -> {
            try {
                return handler.handle(request);
            } catch (ContainerError e) {
                throw HttpError.withResponse(response(e, withCode));
            } catch (HttpError e) {
                if (e.response().isPresent() || !withCode) {
                    throw e;
                }
                throw HttpError.withResponse(hostError(e));
            }
        });
    }

    /** The response of {@code error}, for the WebSocket's messages too. */
    public static Response response(ContainerError error, boolean withCode) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error.getMessage());
        if (withCode) {
            body.put("code", error.code().name());
        }
        body.putAll(error.details());
        Response response = Response.json(error.code().status(), body);
        Object retryAfter = error.details().get("retryAfter");
        return retryAfter == null ? response : response.header("Retry-After", retryAfter.toString());
    }

    /**
     * A host service's refusal (a body that did not bind, a host the caller may not use), with its status and the
     * nearest code.
     */
    private static Response hostError(HttpError e) {
        ErrorCode code =
                switch (e.status()) {
                    case 401 -> ErrorCode.UNAUTHORIZED;
                    case 403 -> ErrorCode.PERMISSION_DENIED;
                    case 404 -> ErrorCode.CONTAINER_NOT_FOUND;
                    default -> e.status() < 500 ? ErrorCode.INVALID_REQUEST : ErrorCode.RUNTIME_UNAVAILABLE;
                };
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.getMessage());
        body.put("code", code.name());
        e.field().ifPresent(field -> body.put("field", field));
        return Response.json(e.status(), body);
    }
}
