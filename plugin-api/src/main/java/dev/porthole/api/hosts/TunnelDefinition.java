package dev.porthole.api.hosts;

import dev.porthole.api.Api;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A tunnel kept with its source host in the inventory ({@code tunnels[]} of a host), as the tunnels plugin reads it.
 * Defaults are filled in when the host is stored, so every field but the optional ones is set.
 *
 * @param index the tunnel's position in the host's list, which names it with the host's id
 * @param name the operator's label, if any
 * @param mode {@code local}, {@code remote} or {@code dynamic}
 * @param sourcePort 1-65535
 * @param endpointHost the destination (or the endpoint host of the inventory) for local and remote tunnels
 * @param endpointPort 1-65535, for local and remote tunnels
 * @param maxRetries 0-100 reconnection attempts after a failure
 * @param retryInterval the wait before the first reconnection attempt
 * @param autoStart whether the tunnel comes up when the server starts
 * @since 0.2.0
 */
@Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
public record TunnelDefinition(
        int index,
        Optional<String> name,
        String mode,
        int sourcePort,
        Optional<String> endpointHost,
        OptionalInt endpointPort,
        int maxRetries,
        Duration retryInterval,
        boolean autoStart) {
    /**
     * Checks the values.
     *
     * @param index the position in the host's list
     * @param name the label
     * @param mode local, remote or dynamic
     * @param sourcePort 1-65535
     * @param endpointHost the destination
     * @param endpointPort 1-65535
     * @param maxRetries at least 0
     * @param retryInterval positive
     * @param autoStart whether it starts with the server
     */
    public TunnelDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(endpointHost, "endpointHost");
        Objects.requireNonNull(endpointPort, "endpointPort");
        Objects.requireNonNull(retryInterval, "retryInterval");
    }
}
