package dev.porthole.plugins.tunnels.run;

import dev.porthole.api.Caller;
import dev.porthole.api.hosts.Host;
import dev.porthole.api.hosts.TunnelDefinition;
import java.util.Optional;
import java.util.Set;

/**
 * Everything that decides what a tunnel opens, all read from the inventory: the source host and its tunnel
 * definition, the endpoint host when the definition names one, and the address it listens on. {@code caller} is who
 * asked (or the host's owner, for a tunnel that starts with the server); every attempt, retries included, goes through
 * the SSH service as them.
 *
 * @param endpoint for a two-host tunnel, the inventory host whose sshd is reached through the source
 * @param bindHost where the listening side listens: loopback unless an admin allowed more
 */
public record TunnelPlan(
        TunnelName name,
        Caller caller,
        Host source,
        TunnelDefinition definition,
        Optional<Host> endpoint,
        Mode mode,
        String bindHost) {

    /** The hosts a caller must be allowed to use to see or touch this tunnel. */
    public Set<Long> hostIds() {
        return endpoint.map(e -> Set.of(source.id(), e.id())).orElse(Set.of(source.id()));
    }

    public int endpointPort() {
        return definition.endpointPort().orElseThrow();
    }

    public String endpointHost() {
        return definition.endpointHost().orElseThrow();
    }
}
