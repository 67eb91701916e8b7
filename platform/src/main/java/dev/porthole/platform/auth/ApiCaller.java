package dev.porthole.platform.auth;

import java.util.List;
import java.util.Optional;

/**
 * The caller as plugins see it. Only the host makes these: a service that takes a caller from a plugin unwraps it with
 * {@link #unwrap}, which refuses any other implementation, so that a plugin cannot mint itself an admin.
 */
public record ApiCaller(Caller caller) implements dev.porthole.api.Caller {

    /** The host's caller behind a caller a plugin handed back. */
    public static Caller unwrap(dev.porthole.api.Caller caller) {
        if (caller instanceof ApiCaller apiCaller) {
            return apiCaller.caller();
        }
        throw new IllegalArgumentException("not a caller made by the host: pass on the one from the request");
    }

    @Override
    public long userId() {
        return caller.userId();
    }

    @Override
    public String username() {
        return caller.username();
    }

    @Override
    public boolean isAdmin() {
        return caller.isAdmin();
    }

    @Override
    public Optional<Long> tokenId() {
        return Optional.ofNullable(caller.tokenId());
    }

    @Override
    public List<String> scopes() {
        return caller.scopes();
    }

    @Override
    public boolean hasScope(String scope) {
        return caller.hasScope(scope);
    }
}
