package dev.porthole.platform.hosts;

import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * What the SSH layer needs to reach one inventory host, its secrets opened. Lives only in memory for the duration of a
 * connect; {@link #toString()} never shows a secret.
 *
 * @param authType password, key, keyboard-interactive or none
 * @param proxies the SOCKS5 chain in the order the connection passes it
 */
public record SshEndpoint(
        long hostId,
        String address,
        int port,
        String username,
        String authType,
        @Nullable String password,
        @Nullable String privateKey,
        @Nullable String keyPassphrase,
        @Nullable Long jumpHostId,
        List<Proxy> proxies,
        HostKeyPolicy hostKeyPolicy) {

    /** One SOCKS5 proxy, its password opened. */
    public record Proxy(
            String host,
            int port,
            @Nullable String username,
            @Nullable String password) {
        @Override
        public String toString() {
            return "Proxy[" + host + ":" + port + ", username=" + username + "]";
        }
    }

    @Override
    public String toString() {
        return "SshEndpoint[host " + hostId + ", " + username + "@" + address + ":" + port + ", auth " + authType
                + ", jumpHostId=" + jumpHostId + ", proxies=" + proxies + ", policy=" + hostKeyPolicy.wire() + "]";
    }
}
