package dev.porthole.plugins.tunnels.routes;

import dev.porthole.api.http.HttpError;
import dev.porthole.api.http.Request;
import dev.porthole.api.http.Response;
import dev.porthole.api.http.RouteHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spec 001's error body, {@code {"error": "..."}} as Termix answers it, with {@code field} added when one field of the
 * request is at fault. Every route is wrapped by {@link #inSpecShape}, so an error of a host service or an unexpected
 * exception leaves in the same shape, never as a stack trace.
 */
public final class TunnelErrors {
    private static final Logger LOG = LoggerFactory.getLogger(TunnelErrors.class);

    private TunnelErrors() {}

    public static HttpError of(int status, String message) {
        return HttpError.withResponse(Response.json(status, Map.of("error", message)));
    }

    public static HttpError badField(String field, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", field + ": " + message);
        body.put("field", field);
        return HttpError.withResponse(Response.json(400, body));
    }

    public static RouteHandler inSpecShape(RouteHandler handler) {
        return request -> {
            try {
                return handler.handle(request);
            } catch (HttpError e) {
                throw e.response().isPresent() ? e : reshaped(e);
            } catch (Exception e) {
                throw unexpected(request, e);
            }
        };
    }

    private static HttpError reshaped(HttpError e) {
        return e.field().isPresent()
                ? badField(
                        e.field().get(),
                        e.getMessage().substring(e.field().get().length() + 2))
                : of(e.status(), e.getMessage());
    }

    private static HttpError unexpected(Request request, Exception e) {
        LOG.error("{} {} failed", request.method(), request.path(), e);
        return of(500, "Internal error: " + e.getClass().getSimpleName());
    }
}
