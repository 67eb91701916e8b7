package dev.porthole.test;

import dev.porthole.api.Api;
import dev.porthole.api.Caller;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A caller for unit tests of a plugin's handlers, which take a {@link Caller} from the request without a server. Its
 * {@link #hasScope} applies the host's rule ({@link Caller#grants}), so a handler's scope checks behave as they do
 * behind a real token.
 *
 * <pre>{@code
 * Caller alice = TestCaller.user(7);                          // a login session: every scope
 * Caller script = TestCaller.user(7).withToken(3, "read:docker"); // an API token that may only read
 * }</pre>
 *
 * @param userId the user's id
 * @param username the user's name
 * @param isAdmin whether the user has the ADMIN role
 * @param tokenId the API token in use, empty for a login session
 * @param scopes the scopes held: {@code *} for a login session
 * @since 0.2.0
 */
@Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
public record TestCaller(long userId, String username, boolean isAdmin, Optional<Long> tokenId, List<String> scopes)
        implements Caller {

    /**
     * Copies the scopes, so that a test cannot change them behind the handler's back.
     *
     * @param userId the user's id
     * @param username the user's name
     * @param isAdmin whether the user has the ADMIN role
     * @param tokenId the API token in use, empty for a login session
     * @param scopes the scopes held: {@code *} for a login session
     */
    public TestCaller {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(tokenId, "tokenId");
        scopes = List.copyOf(scopes);
    }

    /**
     * Whether one of {@link #scopes()} grants {@code scope}, by the host's rule ({@link Caller#grants}).
     *
     * @param scope e.g. {@code read:docker}
     * @return true when one of the held scopes grants it
     */
    @Override
    public boolean hasScope(String scope) {
        return scopes.stream().anyMatch(held -> Caller.grants(held, scope));
    }

    /**
     * A signed-in user who is not an admin, in a login session (every scope), named {@code user<id>}.
     *
     * @param userId the user's id
     * @return the caller
     */
    public static TestCaller user(long userId) {
        return new TestCaller(userId, "user" + userId, false, Optional.empty(), List.of("*"));
    }

    /**
     * A signed-in admin in a login session, named {@code admin<id>}.
     *
     * @param userId the user's id
     * @return the caller
     */
    public static TestCaller admin(long userId) {
        return new TestCaller(userId, "admin" + userId, true, Optional.empty(), List.of("*"));
    }

    /**
     * The same user calling with one of their API tokens, which holds only {@code scopes}.
     *
     * @param tokenId the token's id
     * @param scopes what the token grants, e.g. {@code read:docker}
     * @return the caller
     */
    public TestCaller withToken(long tokenId, String... scopes) {
        return new TestCaller(userId, username, isAdmin, Optional.of(tokenId), List.of(scopes));
    }
}
