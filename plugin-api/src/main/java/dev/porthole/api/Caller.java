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
     * {@code read}: whether one of {@link #scopes()} {@linkplain #grants(String, String) grants} it.
     *
     * @param scope e.g. {@code read:docker}
     * @return true when one of the held scopes grants it
     */
    boolean hasScope(String scope);

    /**
     * The rule the host applies to every credential: scopes look like {@code action:resource} ({@code read:hosts},
     * {@code write:docker}); either part may be {@code *} ({@code write:*}, {@code *:docker}), {@code *} alone grants
     * everything, and {@code write:x} also grants {@code read:x} (whoever may change a thing may see it).
     *
     * @param held a scope the credential holds
     * @param required the scope an action needs
     * @return whether {@code held} grants {@code required}
     * @since 0.2.0
     */
    @Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
    static boolean grants(String held, String required) {
        if (held.equals("*")) {
            return true;
        }
        int heldColon = held.indexOf(':');
        int requiredColon = required.indexOf(':');
        if (heldColon < 0 || requiredColon < 0) {
            return false;
        }
        String heldAction = held.substring(0, heldColon);
        String heldResource = held.substring(heldColon + 1);
        String requiredAction = required.substring(0, requiredColon);
        String requiredResource = required.substring(requiredColon + 1);
        boolean actionOk = heldAction.equals("*")
                || heldAction.equals(requiredAction)
                || (heldAction.equals("write") && requiredAction.equals("read"));
        boolean resourceOk = heldResource.equals("*") || heldResource.equals(requiredResource);
        return actionOk && resourceOk;
    }
}
