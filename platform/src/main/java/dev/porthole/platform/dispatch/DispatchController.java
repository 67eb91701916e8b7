package dev.porthole.platform.dispatch;

import dev.porthole.api.http.Method;
import dev.porthole.api.http.Response;
import dev.porthole.api.http.RouteHandler;
import dev.porthole.api.http.SseHandler;
import dev.porthole.platform.errors.ApiException;
import dev.porthole.platform.errors.Problem;
import dev.porthole.platform.json.JsonTrees;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;

/**
 * The catch-all that serves plugin routes. Static platform routes outrank it (it has a variable and lists concrete
 * media types, never {@code *}{@code /*}); {@link PluginAccessRule} has checked access before a method here runs.
 * Handlers run on the owning plugin's executor; the server thread only hands over and writes back.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Produces({
    MediaType.APPLICATION_JSON,
    MediaType.TEXT_EVENT_STREAM,
    MediaType.TEXT_PLAIN,
    MediaType.TEXT_HTML,
    MediaType.APPLICATION_OCTET_STREAM,
    MediaType.APPLICATION_YAML,
    MediaType.TEXT_CSV,
    Problem.MEDIA_TYPE
})
@Consumes({
    MediaType.APPLICATION_JSON,
    MediaType.TEXT_PLAIN,
    MediaType.APPLICATION_OCTET_STREAM,
    MediaType.APPLICATION_YAML,
    MediaType.APPLICATION_FORM_URLENCODED,
    MediaType.TEXT_CSV
})
final class DispatchController {
    private final RouteRegistry registry;
    private final Responses responses;
    private final JsonTrees json;

    DispatchController(RouteRegistry registry, Responses responses, JsonTrees json) {
        this.registry = registry;
        this.responses = responses;
        this.json = json;
    }

    @Get("/{+path}")
    CompletionStage<MutableHttpResponse<?>> get(@PathVariable String path, HttpRequest<?> request) {
        return dispatch(Method.GET, request, null);
    }

    @Delete("/{+path}")
    CompletionStage<MutableHttpResponse<?>> delete(@PathVariable String path, HttpRequest<?> request) {
        return dispatch(Method.DELETE, request, null);
    }

    @Post("/{+path}")
    CompletionStage<MutableHttpResponse<?>> post(
            @PathVariable String path, HttpRequest<?> request, @Nullable @Body byte[] body) {
        return dispatch(Method.POST, request, body);
    }

    @Put("/{+path}")
    CompletionStage<MutableHttpResponse<?>> put(
            @PathVariable String path, HttpRequest<?> request, @Nullable @Body byte[] body) {
        return dispatch(Method.PUT, request, body);
    }

    @Patch("/{+path}")
    CompletionStage<MutableHttpResponse<?>> patch(
            @PathVariable String path, HttpRequest<?> request, @Nullable @Body byte[] body) {
        return dispatch(Method.PATCH, request, body);
    }

    /** Our method for the server's, or null for one plugins cannot serve. */
    @Nullable
    static Method method(HttpMethod method) {
        return switch (method) {
            case GET -> Method.GET;
            case POST -> Method.POST;
            case PUT -> Method.PUT;
            case PATCH -> Method.PATCH;
            case DELETE -> Method.DELETE;
            default -> null;
        };
    }

    private CompletionStage<MutableHttpResponse<?>> dispatch(Method method, HttpRequest<?> request, byte[] body) {
        RouteRegistry.Match match = request.getAttribute(PluginAccessRule.MATCH, RouteRegistry.Match.class)
                .or(() -> registry.find(RouteKind.HTTP, method, request.getPath()))
                .orElseThrow(() -> ApiException.notFound("nothing is served at " + method + " " + request.getPath()));
        PluginRoute route = match.route();
        PluginRequest pluginRequest = new PluginRequest(method, request, match.pathParams(), body, json);
        CompletableFuture<MutableHttpResponse<?>> result = new CompletableFuture<>();
        try {
            route.executor().execute(() -> {
                try {
                    result.complete(
                            route.kind() == RouteKind.SSE
                                    ? openStream(match, pluginRequest)
                                    : respond(route, pluginRequest));
                } catch (Throwable e) {
                    result.complete(responses.failure(route, e));
                }
            });
        } catch (RejectedExecutionException e) {
            result.complete(responses.failure(route, e));
        }
        return result;
    }

    private MutableHttpResponse<?> respond(PluginRoute route, PluginRequest request) throws Exception {
        Response response = ((RouteHandler) route.handler()).handle(request);
        if (response == null) {
            throw new IllegalStateException("the handler of " + route.describe() + " returned no response");
        }
        return responses.of(response);
    }

    private MutableHttpResponse<?> openStream(RouteRegistry.Match match, PluginRequest request) throws Exception {
        PluginRoute route = match.route();
        PluginSseStream stream = new PluginSseStream(json, route.executor());
        if (!match.entry().track(stream)) {
            throw new RejectedExecutionException("route withdrawn");
        }
        stream.onClose(() -> match.entry().untrack(stream));
        try {
            ((SseHandler) route.handler()).open(request, stream);
        } catch (Exception | Error e) {
            stream.close();
            throw e;
        }
        return HttpResponse.ok(stream.events()).contentType(MediaType.TEXT_EVENT_STREAM_TYPE);
    }
}
