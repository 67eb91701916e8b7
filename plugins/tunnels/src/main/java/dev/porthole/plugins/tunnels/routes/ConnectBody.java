package dev.porthole.plugins.tunnels.routes;

import java.util.Optional;

/**
 * The fields of a connect body that Porthole reads, by the names Termix's web client sends (its {@code TunnelTab}).
 * Everything else, credentials included, is ignored: where a tunnel connects and as whom comes from the inventory.
 * The fields here are only compared with it.
 */
public record ConnectBody(
        Optional<String> name,
        Optional<String> scope,
        Optional<String> mode,
        Optional<String> tunnelType,
        Optional<String> bindHost,
        Optional<Long> sourceHostId,
        Optional<Integer> tunnelIndex,
        Optional<String> sourceIP,
        Optional<Integer> sourceSSHPort,
        Optional<String> sourceUsername,
        Optional<String> endpointHost,
        Optional<String> endpointIP,
        Optional<Integer> endpointSSHPort,
        Optional<String> endpointUsername,
        Optional<Integer> sourcePort,
        Optional<Integer> endpointPort) {}
