package dev.porthole.api.http;

import dev.porthole.api.Api;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who may call a route, checked by the host before the handler runs: nobody needs to sign in ({@link #anonymous()}),
 * any signed-in user ({@link #authenticated()}), or a user with one of some roles ({@link #roles}). {@link #withScope}
 * adds the scope an API token must hold (login sessions hold every scope); scopes look like {@code read:docker},
 * {@code write:*} or {@code *}, and {@code write:x} grants {@code read:x}.
 *
 * <p>A request without a valid credential gets 401, one whose user lacks the role or whose token lacks the scope 403.
 */
@Api(since = "0.1.0", stability = Api.Stability.STABLE)
public final class Access {
    /** The roles a user can have. */
    public static final String ROLE_ADMIN = "ADMIN";

    public static final String ROLE_USER = "USER";

    private static final Access ANONYMOUS = new Access(false, Set.of(), null);
    private static final Access AUTHENTICATED = new Access(true, Set.of(), null);

    private final boolean authenticated;
    private final Set<String> roles;
    private final String scope;

    private Access(boolean authenticated, Set<String> roles, String scope) {
        this.authenticated = authenticated;
        this.roles = roles;
        this.scope = scope;
    }

    public static Access anonymous() {
        return ANONYMOUS;
    }

    public static Access authenticated() {
        return AUTHENTICATED;
    }

    /** A signed-in user holding at least one of {@code roles} ({@link #ROLE_ADMIN}, {@link #ROLE_USER}). */
    public static Access roles(String... roles) {
        if (roles.length == 0) {
            throw new IllegalArgumentException("name at least one role");
        }
        for (String role : roles) {
            if (!ROLE_ADMIN.equals(role) && !ROLE_USER.equals(role)) {
                throw new IllegalArgumentException("unknown role '" + role + "'; roles are ADMIN and USER");
            }
        }
        return new Access(true, Set.copyOf(List.of(roles)), null);
    }

    /** This access, and an API token must also hold {@code scope}. Not for anonymous routes. */
    public Access withScope(String scope) {
        if (!authenticated) {
            throw new IllegalArgumentException("an anonymous route cannot require a scope");
        }
        return new Access(true, roles, Objects.requireNonNull(scope, "scope"));
    }

    public boolean requiresAuthentication() {
        return authenticated;
    }

    /** Empty when any role will do. */
    public Set<String> roles() {
        return roles;
    }

    public Optional<String> scope() {
        return Optional.ofNullable(scope);
    }

    /** For listings: {@code anonymous}, {@code authenticated}, {@code roles ADMIN}, each with {@code scope x} if set. */
    @Override
    public String toString() {
        String who = !authenticated
                ? "anonymous"
                : roles.isEmpty()
                        ? "authenticated"
                        : "roles " + String.join(",", roles.stream().sorted().toList());
        return scope == null ? who : who + ", scope " + scope;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Access other
                && authenticated == other.authenticated
                && roles.equals(other.roles)
                && Objects.equals(scope, other.scope);
    }

    @Override
    public int hashCode() {
        return Objects.hash(authenticated, roles, scope);
    }
}
