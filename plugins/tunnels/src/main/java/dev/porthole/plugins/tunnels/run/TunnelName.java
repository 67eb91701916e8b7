package dev.porthole.plugins.tunnels.run;

import dev.porthole.api.hosts.Host;
import dev.porthole.api.hosts.TunnelDefinition;
import java.util.Optional;

/**
 * Spec 001's tunnel name, {@code {hostId}::{tunnelIndex}::{displayName}::{sourcePort}::{endpointHost}::{endpointPort}}:
 * what the status routes key by and what a client sends back. The display part is the host's name, or {@code
 * user@address} for a host without one; an absent endpoint (a dynamic tunnel) is empty.
 */
public record TunnelName(
        long hostId, int index, String displayName, int sourcePort, String endpointHost, String endpointPort) {
    private static final String SEPARATOR = "::";

    /** The name the inventory gives a host's tunnel now. */
    public static TunnelName of(Host host, TunnelDefinition tunnel) {
        String display =
                host.name() == null || host.name().isBlank() ? host.username() + "@" + host.address() : host.name();
        return new TunnelName(
                host.id(),
                tunnel.index(),
                display,
                tunnel.sourcePort(),
                tunnel.endpointHost().orElse(""),
                tunnel.endpointPort().isPresent()
                        ? Integer.toString(tunnel.endpointPort().getAsInt())
                        : "");
    }

    /**
     * The host id and tunnel index a name claims, when it has the six parts with numbers where numbers go; the rest is
     * checked against the inventory by comparing with {@link #of}.
     */
    public static Optional<TunnelName> parse(String text) {
        String[] parts = text.split(SEPARATOR, -1);
        if (parts.length != 6) {
            return Optional.empty();
        }
        try {
            long hostId = Long.parseLong(parts[0]);
            int index = Integer.parseInt(parts[1]);
            int sourcePort = Integer.parseInt(parts[3]);
            if (hostId <= 0 || index < 0) {
                return Optional.empty();
            }
            return Optional.of(new TunnelName(hostId, index, parts[2], sourcePort, parts[4], parts[5]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return hostId
                + SEPARATOR
                + index
                + SEPARATOR
                + displayName
                + SEPARATOR
                + sourcePort
                + SEPARATOR
                + endpointHost
                + SEPARATOR
                + endpointPort;
    }
}
