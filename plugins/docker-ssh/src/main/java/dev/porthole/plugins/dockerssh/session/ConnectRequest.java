package dev.porthole.plugins.dockerssh.session;

import dev.porthole.api.ssh.ConnectOptions;
import dev.porthole.api.ssh.Socks5Proxy;
import dev.porthole.plugins.dockerssh.docker.DockerErrors;
import java.util.List;
import java.util.Optional;

/**
 * The body of {@code POST /docker/ssh/connect}: which session id, which host, and what replaces the host's stored
 * credentials and proxies for this connection.
 *
 * <p>Proxies: a non-empty {@code socks5ProxyChain} wins; else {@code useSocks5: true} with {@code socks5Host} gives
 * a one-proxy chain; else the host's stored chain is used.
 */
record ConnectRequest(String sessionId, long hostId, ConnectOptions options) {
    static final int DEFAULT_SOCKS_PORT = 1080;

    static ConnectRequest parse(JsonBody body) {
        String sessionId = body.requiredString("sessionId");
        long hostId = body.number("hostId").orElseThrow(() -> DockerErrors.badField("hostId", "is required"));
        if (hostId <= 0) {
            throw DockerErrors.badField("hostId", "must be a positive id");
        }
        ConnectOptions options = ConnectOptions.NONE;
        Optional<String> password = body.string("password");
        if (password.isPresent()) {
            options = options.withPassword(password.get());
        }
        Optional<String> privateKey = body.string("privateKey");
        if (privateKey.isPresent()) {
            options = options.withPrivateKey(keyText(privateKey.get()), body.string("keyPassphrase"));
        }
        Optional<List<Socks5Proxy>> proxies = proxies(body);
        if (proxies.isPresent()) {
            options = options.withProxies(proxies.get());
        }
        return new ConnectRequest(sessionId, hostId, options);
    }

    /**
     * Refuses what cannot be a private key before any connection is tried; whether it parses is the SSH service's
     * check ({@code INVALID_KEY}).
     */
    private static String keyText(String key) {
        if (!key.contains("-----BEGIN ") || !key.contains("PRIVATE KEY-----")) {
            throw DockerErrors.badField("privateKey", "is not a private key in OpenSSH or PEM format");
        }
        return key;
    }

    private static Optional<List<Socks5Proxy>> proxies(JsonBody body) {
        List<JsonBody> chain = body.objects("socks5ProxyChain");
        if (!chain.isEmpty()) {
            return Optional.of(chain.stream()
                    .map(node -> proxy(node, "host", "port", "username", "password"))
                    .toList());
        }
        if (body.flag("useSocks5")) {
            return Optional.of(List.of(proxy(body, "socks5Host", "socks5Port", "socks5Username", "socks5Password")));
        }
        return Optional.empty();
    }

    private static Socks5Proxy proxy(JsonBody node, String host, String port, String username, String password) {
        String address = node.requiredString(host);
        long number = node.number(port).orElse((long) DEFAULT_SOCKS_PORT);
        if (number < 1 || number > 65535) {
            throw DockerErrors.badField(node.field(port), "must be 1-65535");
        }
        return new Socks5Proxy(address, (int) number, node.string(username), node.string(password));
    }
}
