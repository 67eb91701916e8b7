package dev.porthole.api.ssh;

import dev.porthole.api.Api;
import java.util.Objects;
import java.util.Optional;

/**
 * One SOCKS5 proxy of a chain, with RFC 1929 username and password when both are given.
 *
 * @param port 1-65535; 1080 is SOCKS's usual port
 */
@Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
public record Socks5Proxy(String host, int port, Optional<String> username, Optional<String> password) {
    /**
     * Checks the values.
     *
     * @param host the proxy's address
     * @param port 1-65535
     * @param username for RFC 1929 authentication
     * @param password for RFC 1929 authentication
     */
    public Socks5Proxy {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (host.isBlank()) {
            throw new IllegalArgumentException("a proxy host is needed");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("a proxy port is 1-65535, not " + port);
        }
    }

    /**
     * A proxy without authentication.
     *
     * @param host the proxy's address
     * @param port 1-65535
     * @return the proxy
     */
    public static Socks5Proxy of(String host, int port) {
        return new Socks5Proxy(host, port, Optional.empty(), Optional.empty());
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "Socks5Proxy[" + host + ":" + port
                + username.map(u -> ", username=" + u).orElse("") + "]";
    }
}
