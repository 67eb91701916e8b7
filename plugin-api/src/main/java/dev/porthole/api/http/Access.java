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
    /** The role of administrators, as the HTTP API spells it. */
    public static final String ROLE_ADMIN = "ADMIN";

    /** The role of every other user, as the HTTP API spells it. */
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

    /** {@return access for everyone, signed in or not} */
    public static Access anonymous() {
        return ANONYMOUS;
    }

    /** {@return access for any signed-in user} */
    public static Access authenticated() {
        return AUTHENTICATED;
    }

    /**
     * A signed-in user holding at least one of {@code roles}. A user without one gets 403 {@code this needs the role
     * ADMIN}.
     *
     * @param roles {@link #ROLE_ADMIN}, {@link #ROLE_USER}
     * @return the access
     * @throws IllegalArgumentException for no role or an unknown one
     */
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

    /**
     * This access, and an API token must also hold {@code scope}. Not for anonymous routes. A token without it gets
     * 403 {@code this needs the scope write:hello; the API token holds read:hello}.
     *
     * @param scope e.g. {@code read:hello}; {@code write:hello} grants it too
     * @return the access
     * @throws IllegalArgumentException on an anonymous access
     */
    public Access withScope(String scope) {
        if (!authenticated) {
            throw new IllegalArgumentException("an anonymous route cannot require a scope");
        }
        return new Access(true, roles, Objects.requireNonNull(scope, "scope"));
    }

    /** {@return whether a caller must be signed in} */
    public boolean requiresAuthentication() {
        return authenticated;
    }

    /** {@return the roles of which the caller needs one; empty when any role will do} */
    public Set<String> roles() {
        return roles;
    }

    /** {@return the scope an API token must hold, if any} */
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

    /** Equal when both let in the same callers. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Access other
                && authenticated == other.authenticated
                && roles.equals(other.roles)
                && Objects.equals(scope, other.scope);
    }

    /** Consistent with {@link #equals}. */
    @Override
    public int hashCode() {
        return Objects.hash(authenticated, roles, scope);
    }
}
