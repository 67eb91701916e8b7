package dev.porthole.plugins.containers.settings;

import java.util.List;

/**
 * The admin's access settings of the container routes.
 *
 * @param localNetworkAccess whether callers from {@code localNetworks} may use the container routes without signing
 *     in, as Nekzus lets them (off by default: anyone on the LAN could then stop every container)
 * @param localNetworks the ranges that count as local, as CIDRs; matched against the resolved client address
 * @param trustedProxies the reverse proxies whose {@code X-Forwarded-For} is believed, as CIDRs; empty believes none
 */
public record AccessSettings(boolean localNetworkAccess, List<String> localNetworks, List<String> trustedProxies) {
    public AccessSettings {
        localNetworks = List.copyOf(localNetworks);
        trustedProxies = List.copyOf(trustedProxies);
    }
}
