package dev.porthole.platform.tokens;

import dev.porthole.platform.auth.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Accepts {@code Authorization: Bearer pht_…} API tokens. The lookup is a database read, so it runs on the blocking
 * executor, never on the event loop; anything that is not an API token is left to the JWT validator.
 */
@Singleton
final class ApiTokenValidator implements TokenValidator<HttpRequest<?>> {
    private final ApiTokenService tokens;
    private final ExecutorService blocking;

    ApiTokenValidator(ApiTokenService tokens, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.tokens = tokens;
        this.blocking = blocking;
    }

    @Override
    public Publisher<Authentication> validateToken(String token, @Nullable HttpRequest<?> request) {
        if (!token.startsWith(TokenSecret.PREFIX)) {
            return Mono.empty();
        }
        return Mono.fromCallable(() -> tokens.authenticate(token)
                        .map(a -> Caller.forApiToken(
                                a.user(), a.token().id(), a.token().scopeList()))
                        .orElse(null))
                .subscribeOn(Schedulers.fromExecutorService(blocking));
    }
}
