package dev.porthole.platform.routes;

import dev.porthole.api.http.Access;
import dev.porthole.platform.auth.RequiresScope;
import dev.porthole.platform.dispatch.PluginRoute;
import dev.porthole.platform.dispatch.RouteKind;
import dev.porthole.platform.dispatch.RouteRegistry;
import io.micronaut.core.annotation.AnnotationMetadata;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.MediaType;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import io.micronaut.websocket.annotation.ServerWebSocket;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Lists the platform's controller routes (read from the router, so the listing cannot drift from what is served) and
 * the routes plugins hold now, with the access rule of each. The HEAD twin Micronaut adds to every GET is left out.
 */
@Singleton
class RouteCatalog {
    private final Router router;
    private final RouteRegistry pluginRoutes;

    RouteCatalog(Router router, RouteRegistry pluginRoutes) {
        this.router = router;
        this.pluginRoutes = pluginRoutes;
    }

    List<RouteView> routes() {
        Stream<RouteView> platform = router.uriRoutes()
                .filter(info -> !RouteRegistry.isDispatcher(info.getDeclaringType()))
                .filter(info -> info.getHttpMethod() != HttpMethod.HEAD)
                .map(RouteCatalog::platformView)
                .distinct();
        Stream<RouteView> plugins = pluginRoutes.routes().stream().map(RouteCatalog::pluginView);
        return Stream.concat(platform, plugins)
                .sorted(Comparator.comparing(RouteView::path).thenComparing(RouteView::method))
                .toList();
    }

    private static RouteView platformView(UriRouteInfo<?, ?> info) {
        AnnotationMetadata metadata = info.getAnnotationMetadata();
        boolean webSocket = info.getDeclaringType().isAnnotationPresent(ServerWebSocket.class);
        String kind = webSocket
                ? RouteKind.WEBSOCKET.name()
                : info.getProduces().contains(MediaType.TEXT_EVENT_STREAM_TYPE)
                        ? RouteKind.SSE.name()
                        : RouteKind.HTTP.name();
        List<String> secured = Arrays.asList(metadata.stringValues(Secured.class));
        String access = secured.contains(SecurityRule.IS_ANONYMOUS)
                ? "anonymous"
                : secured.contains(SecurityRule.IS_AUTHENTICATED) || secured.isEmpty() ? "authenticated" : "roles";
        return new RouteView(
                info.getHttpMethodName(),
                info.getUriMatchTemplate().toPathString(),
                kind,
                RouteView.PLATFORM,
                access,
                access.equals("roles") ? secured : List.of(),
                metadata.stringValue(RequiresScope.class).orElse(null));
    }

    private static RouteView pluginView(PluginRoute route) {
        Access rule = route.access();
        String access =
                !rule.requiresAuthentication() ? "anonymous" : rule.roles().isEmpty() ? "authenticated" : "roles";
        return new RouteView(
                route.httpMethod(),
                route.path().toString(),
                route.kind().name(),
                route.owner(),
                access,
                rule.roles().stream().sorted().toList(),
                rule.scope().orElse(null));
    }
}
