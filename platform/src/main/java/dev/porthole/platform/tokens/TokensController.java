package dev.porthole.platform.tokens;

import dev.porthole.platform.auth.Caller;
import dev.porthole.platform.auth.RequiresScope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/** A user's own API tokens: create (the secret is in that response only), list, revoke. */
@Controller("/api/tokens")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class TokensController {
    private final ApiTokenService tokens;

    TokensController(ApiTokenService tokens) {
        this.tokens = tokens;
    }

    @Serdeable
    record CreateToken(
            @Nullable String name,
            @Nullable List<String> scopes,
            @Nullable Integer expiresInDays) {}

    @Serdeable
    record TokenView(
            long id,
            String name,
            List<String> scopes,
            Instant createdAt,
            @Nullable Instant expiresAt,
            @Nullable Instant lastUsedAt) {
        static TokenView of(ApiToken t) {
            return new TokenView(t.id(), t.name(), t.scopeList(), t.createdAt(), t.expiresAt(), t.lastUsedAt());
        }
    }

    /** The one response that carries the secret ({@code token}); it cannot be read again. */
    @Serdeable
    record CreatedToken(
            long id,
            String name,
            List<String> scopes,
            Instant createdAt,
            @Nullable Instant expiresAt,
            String token) {}

    @Post
    @RequiresScope("write:tokens")
    HttpResponse<CreatedToken> create(@Body CreateToken body, Authentication authentication) {
        ApiTokenService.Created created =
                tokens.create(Caller.of(authentication), body.name(), body.scopes(), body.expiresInDays());
        ApiToken t = created.token();
        return HttpResponse.created(
                new CreatedToken(t.id(), t.name(), t.scopeList(), t.createdAt(), t.expiresAt(), created.secretText()),
                URI.create("/api/tokens/" + t.id()));
    }

    @Get
    @RequiresScope("read:tokens")
    List<TokenView> list(Authentication authentication) {
        return tokens.list(Caller.of(authentication)).stream()
                .map(TokenView::of)
                .toList();
    }

    @Delete("/{id}")
    @RequiresScope("write:tokens")
    HttpResponse<Void> revoke(@PathVariable @Positive long id, Authentication authentication) {
        tokens.revoke(Caller.of(authentication), id);
        return HttpResponse.noContent();
    }
}
