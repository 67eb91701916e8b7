package dev.porthole.api;

import java.util.List;
import java.util.Optional;

/** Who made a request: a signed-in user, or a script with one of that user's API tokens. */
@Api(since = "0.1.0", stability = Api.Stability.STABLE)
public interface Caller {
    /** {@return the user's id} */
    long userId();

    /** {@return the user's name} */
    String username();

    /** {@return whether the user has the ADMIN role; a token's scopes still limit what it may do} */
    boolean isAdmin();

    /** {@return the id of the API token in use, empty for a login session} */
    Optional<Long> tokenId();

    /** {@return the scopes of the token; a login session holds {@code *}} */
    List<String> scopes();

    /**
     * Whether the credential grants {@code scope}, honouring {@code *} wildcards and {@code write} implying
     * {@code read}.
     *
     * @param scope e.g. {@code read:docker}
     * @return true when one of the held scopes grants it
     */
    boolean hasScope(String scope);
}
