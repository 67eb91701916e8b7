package dev.porthole.platform.auth;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import io.micronaut.security.authentication.WwwAuthenticateChallengeProvider;
import io.micronaut.security.config.RedirectConfiguration;
import io.micronaut.security.config.RedirectService;
import io.micronaut.security.errors.PriorToLoginPersistence;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.web.router.RouteAttributes;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A 403 says what was missing: the scope or role a rule recorded in {@link Refusals}, or the roles of the route's
 * {@code @Secured}. The framework's says only "Forbidden". 401s are the framework's, unchanged.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
final class ExplainingAuthorizationHandler extends DefaultAuthorizationExceptionHandler {
    private final ErrorResponseProcessor<?> errors;

    ExplainingAuthorizationHandler(
            ErrorResponseProcessor<?> errors,
            RedirectConfiguration redirectConfiguration,
            RedirectService redirectService,
            List<WwwAuthenticateChallengeProvider<HttpRequest<?>>> challengeProviders,
            @Nullable PriorToLoginPersistence priorToLoginPersistence) {
        super(errors, redirectConfiguration, redirectService, challengeProviders, priorToLoginPersistence);
        this.errors = errors;
    }

    @Override
    protected MutableHttpResponse<?> httpResponseWithStatus(HttpRequest<?> request, AuthorizationException exception) {
        Optional<String> reason =
                exception.isForbidden() ? Refusals.of(request).or(() -> securedRoles(request)) : Optional.empty();
        if (reason.isEmpty()) {
            return super.httpResponseWithStatus(request, exception);
        }
        return errors.processResponse(
                ErrorContext.builder(request)
                        .cause(exception)
                        .errorMessage(reason.get())
                        .build(),
                HttpResponse.status(HttpStatus.FORBIDDEN));
    }

    /** The roles a platform route's {@code @Secured} names, when that is what refused a signed-in caller. */
    private static Optional<String> securedRoles(HttpRequest<?> request) {
        return RouteAttributes.getRouteMatch(request)
                .map(route -> route.getAnnotationMetadata().stringValues(Secured.class))
                .map(values -> Arrays.stream(values)
                        .filter(value -> !value.equals(SecurityRule.IS_AUTHENTICATED)
                                && !value.equals(SecurityRule.IS_ANONYMOUS)
                                && !value.equals(SecurityRule.DENY_ALL))
                        .toList())
                .filter(roles -> !roles.isEmpty())
                .map(Refusals::missingRole);
    }
}
