package dev.porthole.plugins.containers.gate;

import dev.porthole.api.Caller;
import java.util.Optional;

/**
 * Who a container request is from: a signed-in user (or a script with their API token), or, when the admin allows
 * it, an anonymous caller on the local network.
 *
 * @param caller the signed-in caller; empty for a local-network caller
 * @param client the resolved client address
 */
public record Requester(Optional<Caller> caller, String client) {
    /** The user id no user has, for the local-network caller. */
    public static final long NO_USER = -1;

    public static Requester signedIn(Caller caller, String client) {
        return new Requester(Optional.of(caller), client);
    }

    public static Requester localNetwork(String client) {
        return new Requester(Optional.empty(), client);
    }

    public boolean isLocalNetwork() {
        return caller.isEmpty();
    }

    public long userId() {
        return caller.map(Caller::userId).orElse(NO_USER);
    }

    public boolean isAdmin() {
        return caller.map(Caller::isAdmin).orElse(false);
    }

    /** A login session holds every scope; the local-network caller is let in by the admin's setting, not by scopes. */
    public boolean hasScope(String scope) {
        return caller.map(c -> c.hasScope(scope)).orElse(true);
    }

    /** {@return {@code user 7 (bob)} or {@code local network 192.168.1.20}, for logs} */
    public String describe() {
        return caller.map(c -> "user " + c.userId() + " (" + c.username() + ")").orElse("local network " + client);
    }
}
