package dev.porthole.api.http;

import dev.porthole.api.Api;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The error body that the APIs Porthole's plugins implement answer with, {@code {"error": "..."}} as Termix writes it,
 * with {@code field} added when one field of the request is at fault. A plugin wraps its routes with
 * {@link #inErrorShape}, so that an error of a host service or an unexpected exception leaves in the same shape, never
 * as a stack trace.
 *
 * @since 0.2.0
 */
@Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
public final class ErrorBodies {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorBodies.class);

    private ErrorBodies() {}

    /**
     * {@code status} with {@code {"error": message}}.
     *
     * @param status 400-599
     * @param message what went wrong, for the client
     * @return the error, to throw
     */
    public static HttpError error(int status, String message) {
        return error(status, message, Map.of());
    }

    /**
     * {@code status} with {@code {"error": message}} and more fields, e.g. the stages of a failed connection.
     *
     * @param status 400-599
     * @param message what went wrong, for the client
     * @param more fields written after {@code error}, in their order
     * @return the error, to throw
     */
    public static HttpError error(int status, String message, Map<String, ?> more) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.putAll(more);
        return HttpError.withResponse(Response.json(status, body));
    }

    /**
     * 400 with {@code {"error": "field: message", "field": field}}.
     *
     * @param field the request field at fault, by its JSON path or query name
     * @param message what is wrong with it
     * @return the error, to throw
     */
    public static HttpError badField(String field, String message) {
        return error(400, field + ": " + message, Map.of("field", field));
    }

    /**
     * The handler, answering every error in this shape: an {@link HttpError} without a fixed response (such as the
     * 404 or 403 of {@link dev.porthole.api.hosts.Hosts#require} or a body that did not bind) is reshaped, and any
     * other exception is logged and answered with 500.
     *
     * @param handler the route's handler
     * @return the wrapped handler
     */
    public static RouteHandler inErrorShape(RouteHandler handler) {
        return request -> {
            try {
                return handler.handle(request);
            } catch (HttpError e) {
                throw e.response().isPresent() ? e : reshaped(e);
            } catch (Exception e) {
                LOG.error("{} {} failed", request.method(), request.path(), e);
                return Response.json(
                        500, Map.of("error", "Internal error: " + e.getClass().getSimpleName()));
            }
        };
    }

    private static HttpError reshaped(HttpError e) {
        return e.field().isPresent()
                ? badField(
                        e.field().get(),
                        e.getMessage().substring(e.field().get().length() + 2))
                : error(e.status(), e.getMessage());
    }
}
