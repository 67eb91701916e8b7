package dev.porthole.platform.ssh;

import dev.porthole.platform.hosts.SshEndpoint;
import java.util.List;

/**
 * How to reach a target: the hops from the outermost jump host to the target, and the SOCKS5 chain in front of the
 * first hop.
 *
 * @param credentialHash a SHA-256 over every hop's credentials and the proxies, so that connections made with
 *     different credentials are pooled apart; the secrets themselves are never kept in a key
 */
record ConnectPlan(List<Hop> hops, List<SshEndpoint.Proxy> proxies, String credentialHash) {
    ConnectPlan {
        hops = List.copyOf(hops);
        proxies = List.copyOf(proxies);
    }

    Hop target() {
        return hops.get(hops.size() - 1);
    }

    ConnectionPool.PoolKey poolKey() {
        return new ConnectionPool.PoolKey(target().hostId(), target().endpoint().username(), credentialHash);
    }
}
