package dev.porthole.plugins.containers.spi;

import dev.porthole.api.ssh.SshTarget;
import java.util.Map;
import java.util.Optional;

/**
 * Where an environment's runtime answers.
 *
 * @param settings the runtime's own settings, checked by {@link ContainerRuntime#check}
 * @param ssh the inventory host's pooled SSH connection when the endpoint is reached through it; empty for a local one
 */
public record EndpointSpec(Map<String, String> settings, Optional<SshTarget> ssh) {
    public EndpointSpec {
        settings = Map.copyOf(settings);
    }
}
