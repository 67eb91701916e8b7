package dev.porthole.api;

import java.util.List;
import java.util.Optional;

/** Who made a request: a signed-in user, or a script with one of that user's API tokens. */
@Api(since = "0.1.0", stability = Api.Stability.STABLE)
public interface Caller {
    long userId();

    String username();

    /** Whether the user has the ADMIN role. A token's scopes still limit what it may do. */
    boolean isAdmin();

    /** The API token in use, empty for a login session. */
    Optional<Long> tokenId();

    /** The scopes of the token; a login session holds {@code *}. */
    List<String> scopes();

    /** Whether the credential grants {@code scope}, honouring {@code *} wildcards and {@code write} implying {@code read}. */
    boolean hasScope(String scope);
}
