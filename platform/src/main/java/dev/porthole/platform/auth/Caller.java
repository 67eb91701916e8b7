package dev.porthole.platform.auth;

import dev.porthole.platform.users.Role;
import dev.porthole.platform.users.User;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Who is calling: the user, their role, and, for an API token, its id and scopes. Built from the authentication that
 * the JWT or API-token validator produced.
 *
 * @param tokenId the API token in use, or null for a login session
 * @param scopes what the token may do; a login session holds {@code *}
 */
public record Caller(
        long userId, String username, Role role, @Nullable Long tokenId, List<String> scopes) {
    static final String USER_ID = "uid";
    static final String SESSION_EPOCH = "sep";
    static final String TOKEN_ID = "tid";
    static final String SCOPES = "scopes";

    public static Caller of(Authentication authentication) {
        Map<String, Object> attributes = authentication.getAttributes();
        Role role = authentication.getRoles().contains(Role.ADMIN.name()) ? Role.ADMIN : Role.USER;
        Object tokenId = attributes.get(TOKEN_ID);
        Object scopes = attributes.get(SCOPES);
        return new Caller(
                ((Number) attributes.get(USER_ID)).longValue(),
                authentication.getName(),
                role,
                tokenId == null ? null : ((Number) tokenId).longValue(),
                scopes instanceof Collection<?> list
                        ? list.stream().map(String::valueOf).toList()
                        : List.of(Scopes.ALL));
    }

    /** The authentication an API-token validator hands to the security filter. */
    public static Authentication forApiToken(User user, long tokenId, List<String> scopes) {
        return Authentication.build(
                user.username(),
                List.of(user.role().name()),
                Map.of(USER_ID, user.id(), TOKEN_ID, tokenId, SCOPES, scopes));
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    public boolean hasScope(String scope) {
        return Scopes.grants(scopes, scope);
    }
}
