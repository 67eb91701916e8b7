package dev.porthole.plugins.containers.environments;

import java.util.Map;
import java.util.Optional;

/**
 * A container endpoint admins set up: a runtime ({@code docker}) reached locally, or through an inventory host over
 * SSH when {@code hostId} is set.
 *
 * @param endpoint the runtime's own settings, e.g. {@code socket}
 * @param revision grows with every edit: the key of the runtime's kept connection, so an edit never reuses an old one
 * @param createdAt epoch milliseconds
 */
public record Environment(
        long id,
        String name,
        String runtime,
        Optional<Long> hostId,
        Map<String, String> endpoint,
        long revision,
        long createdAt) {
    public Environment {
        endpoint = Map.copyOf(endpoint);
    }

    /** {@return the key of this revision's connection in its runtime} */
    public String connectionKey() {
        return id + "@" + revision;
    }
}
