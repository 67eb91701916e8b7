package dev.porthole.plugins.dockerssh.testing;

import dev.porthole.api.Caller;
import java.util.List;
import java.util.Optional;

/** A signed-in user as the host hands it to a handler: not an admin, every scope granted. */
public record TestCaller(long userId) implements Caller {
    @Override
    public String username() {
        return "user" + userId;
    }

    @Override
    public boolean isAdmin() {
        return false;
    }

    @Override
    public Optional<Long> tokenId() {
        return Optional.empty();
    }

    @Override
    public List<String> scopes() {
        return List.of("*");
    }

    @Override
    public boolean hasScope(String scope) {
        return true;
    }
}
