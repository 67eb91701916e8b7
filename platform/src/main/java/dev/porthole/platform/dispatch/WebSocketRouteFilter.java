package dev.porthole.platform.dispatch;

import dev.porthole.api.http.Method;
import dev.porthole.platform.errors.Problem;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.web.router.MethodBasedRouteMatch;
import io.micronaut.web.router.RouteAttributes;
import java.util.List;
import java.util.Optional;
import org.reactivestreams.Publisher;

/**
 * Refuses a WebSocket upgrade that reaches {@link WebSocketDispatcher} for a path no plugin serves with a plain 404,
 * before the handshake, as a browser or script expects of an unknown address; otherwise it hands the matched route
 * on to {@link PluginAccessRule} (401 and 403 come from there) and the dispatcher. Runs before security, so an unknown
 * path is a 404 whoever asks, as it is for plain requests.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
final class WebSocketRouteFilter implements HttpServerFilter {
    private final RouteRegistry registry;

    WebSocketRouteFilter(RouteRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        if (!PluginAccessRule.isWebSocketUpgrade(request) || !reachesDispatcher(request)) {
            return chain.proceed(request);
        }
        Optional<RouteRegistry.Match> match = registry.find(RouteKind.WEBSOCKET, Method.GET, request.getPath());
        if (match.isEmpty()) {
            return Publishers.just(Problem.response(
                    HttpStatus.NOT_FOUND, "no WebSocket is served at " + request.getPath(), List.of()));
        }
        request.setAttribute(PluginAccessRule.MATCH, match.get());
        return chain.proceed(request);
    }

    private static boolean reachesDispatcher(HttpRequest<?> request) {
        return RouteAttributes.getRouteMatch(request)
                .filter(route -> route instanceof MethodBasedRouteMatch<?, ?> method
                        && method.getDeclaringType() == WebSocketDispatcher.class)
                .isPresent();
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.before();
    }
}
