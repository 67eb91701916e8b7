package dev.porthole.platform.tokens;

import dev.porthole.platform.auth.Caller;
import dev.porthole.platform.auth.Scopes;
import dev.porthole.platform.errors.ApiException;
import dev.porthole.platform.users.User;
import dev.porthole.platform.users.UserRepository;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Creating, listing, revoking and checking API tokens. */
@Singleton
class ApiTokenService {
    static final int MAX_TOKENS_PER_USER = 100;
    static final int MAX_DAYS = 3650;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}");
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private final ApiTokenRepository tokens;
    private final UserRepository users;
    private final Clock clock;

    ApiTokenService(ApiTokenRepository tokens, UserRepository users, Clock clock) {
        this.tokens = tokens;
        this.users = users;
        this.clock = clock;
    }

    record Created(ApiToken token, String secretText) {}

    /** A new token for the caller. A token can only create tokens with scopes it holds itself. */
    @Transactional
    Created create(Caller caller, String name, List<String> scopes, @Nullable Integer expiresInDays) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ApiException.invalidField("name", "must be 1-64 characters: letters, digits, space, '.', '_' or '-'");
        }
        if (scopes == null || scopes.isEmpty()) {
            throw ApiException.invalidField("scopes", "must name at least one scope (" + Scopes.RULE + ")");
        }
        for (int i = 0; i < scopes.size(); i++) {
            String scope = scopes.get(i);
            if (!Scopes.isValid(scope)) {
                throw ApiException.invalidField("scopes[" + i + "]", "'" + scope + "' is not a scope; " + Scopes.RULE);
            }
            // wildcards are matched literally here: write:hosts does not grant write:*
            if (!caller.hasScope(scope)) {
                throw ApiException.invalidField(
                        "scopes[" + i + "]", "'" + scope + "' is more than the token you are using may grant");
            }
        }
        if (expiresInDays != null && (expiresInDays < 1 || expiresInDays > MAX_DAYS)) {
            throw ApiException.invalidField(
                    "expiresInDays", "must be between 1 and " + MAX_DAYS + ", or absent for no expiry");
        }
        if (tokens.existsByUserIdAndName(caller.userId(), name)) {
            throw ApiException.conflict("you already have a token named '" + name + "'");
        }
        if (tokens.countByUserId(caller.userId()) >= MAX_TOKENS_PER_USER) {
            throw ApiException.conflict("you have " + MAX_TOKENS_PER_USER + " tokens already; revoke one first");
        }
        Instant now = clock.instant();
        String secret = TokenSecret.newSecret();
        ApiToken saved = tokens.save(new ApiToken(
                null,
                caller.userId(),
                name,
                String.join(" ", new LinkedHashSet<>(scopes)),
                TokenSecret.hash(secret),
                now,
                expiresInDays == null ? null : now.plus(Duration.ofDays(expiresInDays)),
                null));
        return new Created(saved, new TokenSecret(saved.id(), secret).text());
    }

    List<ApiToken> list(Caller caller) {
        return tokens.findByUserIdOrderById(caller.userId());
    }

    @Transactional
    void revoke(Caller caller, long tokenId) {
        ApiToken token = tokens.findById(tokenId)
                .filter(t -> t.userId() == caller.userId())
                .orElseThrow(() -> ApiException.notFound("you have no token with id " + tokenId));
        tokens.delete(token);
    }

    /** The token's owner and the token, when the text is a live token of an enabled user. Blocking. */
    Optional<Authenticated> authenticate(String text) {
        Optional<TokenSecret> parsed = TokenSecret.parse(text);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<ApiToken> token = tokens.findById(parsed.get().tokenId())
                .filter(t -> parsed.get().matches(t.secretHash()))
                .filter(t -> !t.isExpired(now));
        Optional<User> user = token.flatMap(t -> users.findById(t.userId())).filter(User::enabled);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        ApiToken used = token.get();
        if (used.lastUsedAt() == null || used.lastUsedAt().isBefore(now.minus(LAST_USED_RESOLUTION))) {
            tokens.updateLastUsedAt(used.id(), now);
            used = used.usedAt(now);
        }
        return Optional.of(new Authenticated(user.get(), used));
    }

    record Authenticated(User user, ApiToken token) {}
}
