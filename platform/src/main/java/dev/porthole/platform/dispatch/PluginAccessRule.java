package dev.porthole.platform.dispatch;

import dev.porthole.api.http.Access;
import dev.porthole.api.http.Method;
import dev.porthole.platform.auth.Caller;
import dev.porthole.platform.auth.Refusals;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecuredAnnotationRule;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import io.micronaut.web.router.MethodBasedRouteMatch;
import io.micronaut.web.router.RouteAttributes;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * The one rule for plugin routes: finds the plugin route a request reaches through a catch-all and enforces its
 * {@link Access} before any plugin code runs. No credential on a protected route is a 401, a missing role or token
 * scope a 403 that names it ({@link Refusals}). Requests for platform routes are left to the other rules.
 */
@Singleton
final class PluginAccessRule implements SecurityRule<HttpRequest<?>> {
    /** The request attribute that carries the matched route on to the dispatcher. */
    static final String MATCH = "porthole.plugin-route";

    private static final Mono<SecurityRuleResult> ALLOWED = Mono.just(SecurityRuleResult.ALLOWED);
    private static final Mono<SecurityRuleResult> REJECTED = Mono.just(SecurityRuleResult.REJECTED);
    private static final Mono<SecurityRuleResult> UNKNOWN = Mono.just(SecurityRuleResult.UNKNOWN);

    private final RouteRegistry registry;

    PluginAccessRule(RouteRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Publisher<SecurityRuleResult> check(
            @Nullable HttpRequest<?> request, @Nullable Authentication authentication) {
        if (request == null) {
            return UNKNOWN;
        }
        Optional<RouteRegistry.Match> match = match(request);
        if (match.isEmpty()) {
            return UNKNOWN;
        }
        request.setAttribute(MATCH, match.get());
        Access access = match.get().route().access();
        if (!access.requiresAuthentication()) {
            return ALLOWED;
        }
        if (authentication == null) {
            return REJECTED;
        }
        Optional<String> refusal = refusal(access, authentication);
        refusal.ifPresent(reason -> Refusals.explain(request, reason));
        return refusal.isEmpty() ? ALLOWED : REJECTED;
    }

    @Override
    public int getOrder() {
        return SecuredAnnotationRule.ORDER - 200;
    }

    /** Why a signed-in caller may not use a route of this access, if they may not. */
    private static Optional<String> refusal(Access access, Authentication authentication) {
        if (!access.roles().isEmpty() && access.roles().stream().noneMatch(authentication.getRoles()::contains)) {
            return Optional.of(Refusals.missingRole(access.roles()));
        }
        Caller caller = Caller.of(authentication);
        return access.scope()
                .filter(scope -> !caller.hasScope(scope))
                .map(scope -> Refusals.missingScope(caller, scope));
    }

    private Optional<RouteRegistry.Match> match(HttpRequest<?> request) {
        if (isWebSocketUpgrade(request)) {
            // WebSocketRouteFilter has matched it, or refused it with a 404, before security runs
            return request.getAttribute(MATCH, RouteRegistry.Match.class);
        }
        boolean dispatched = RouteAttributes.getRouteMatch(request)
                .filter(route -> route instanceof MethodBasedRouteMatch<?, ?> method
                        && method.getDeclaringType() == DispatchController.class)
                .isPresent();
        if (!dispatched) {
            return Optional.empty();
        }
        Method method = DispatchController.method(request.getMethod());
        return method == null ? Optional.empty() : registry.find(RouteKind.HTTP, method, request.getPath());
    }

    static boolean isWebSocketUpgrade(HttpRequest<?> request) {
        return request.getHeaders()
                .findFirst(HttpHeaders.UPGRADE)
                .filter(value -> value.equalsIgnoreCase("websocket"))
                .isPresent();
    }
}
