package dev.porthole.platform.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecuredAnnotationRule;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import io.micronaut.web.router.RouteAttributes;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Rejects an authenticated request whose API token lacks the route's {@link RequiresScope}. Runs before
 * {@code @Secured}, which then decides on authentication and roles.
 */
@Singleton
final class ScopeSecurityRule implements SecurityRule<HttpRequest<?>> {

    @Override
    public Publisher<SecurityRuleResult> check(
            @Nullable HttpRequest<?> request, @Nullable Authentication authentication) {
        if (request == null || authentication == null) {
            return Mono.just(SecurityRuleResult.UNKNOWN);
        }
        Optional<String> required = RouteAttributes.getRouteMatch(request)
                .flatMap(route -> route.getAnnotationMetadata().stringValue(RequiresScope.class));
        if (required.isEmpty()) {
            return Mono.just(SecurityRuleResult.UNKNOWN);
        }
        Caller caller = Caller.of(authentication);
        if (caller.hasScope(required.get())) {
            return Mono.just(SecurityRuleResult.UNKNOWN);
        }
        Refusals.explain(request, Refusals.missingScope(caller, required.get()));
        return Mono.just(SecurityRuleResult.REJECTED);
    }

    @Override
    public int getOrder() {
        return SecuredAnnotationRule.ORDER - 100;
    }
}
