package dev.porthole.api.ssh;

import dev.porthole.api.Api;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Per-request replacements for what the host has stored: a password, a private key (OpenSSH or PEM) with its
 * passphrase, a SOCKS5 proxy chain. An empty field keeps the stored value. A connection made with overrides is pooled
 * apart from the one made with the stored credentials.
 *
 * @param proxies empty keeps the stored chain; a present empty list connects directly
 * @param jumpHostId empty keeps the stored jump host; a present id reaches the target through that inventory host (and
 *     the way to it) instead, which the caller must be allowed to use
 */
@Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
public record ConnectOptions(
        Optional<String> password,
        Optional<String> privateKey,
        Optional<String> keyPassphrase,
        Optional<List<Socks5Proxy>> proxies,
        OptionalLong jumpHostId) {

    /** Everything as stored. */
    public static final ConnectOptions NONE = new ConnectOptions(
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), OptionalLong.empty());

    /**
     * Copies the proxy list.
     *
     * @param password replaces the stored password
     * @param privateKey replaces the stored key
     * @param keyPassphrase the passphrase of the key
     * @param proxies replaces the stored proxy chain
     * @param jumpHostId replaces the stored jump host
     */
    public ConnectOptions {
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(keyPassphrase, "keyPassphrase");
        proxies = Objects.requireNonNull(proxies, "proxies").map(List::copyOf);
        Objects.requireNonNull(jumpHostId, "jumpHostId");
    }

    /**
     * Options that keep the stored jump host.
     *
     * @param password replaces the stored password
     * @param privateKey replaces the stored key
     * @param keyPassphrase the passphrase of the key
     * @param proxies replaces the stored proxy chain
     */
    public ConnectOptions(
            Optional<String> password,
            Optional<String> privateKey,
            Optional<String> keyPassphrase,
            Optional<List<Socks5Proxy>> proxies) {
        this(password, privateKey, keyPassphrase, proxies, OptionalLong.empty());
    }

    /**
     * These options with a password.
     *
     * @param password used in place of the stored one
     * @return new options
     */
    public ConnectOptions withPassword(String password) {
        return new ConnectOptions(Optional.of(password), privateKey, keyPassphrase, proxies, jumpHostId);
    }

    /**
     * These options with a private key.
     *
     * @param privateKey OpenSSH or PEM text, used in place of the stored key
     * @param passphrase the key's passphrase, if it is encrypted
     * @return new options
     */
    public ConnectOptions withPrivateKey(String privateKey, Optional<String> passphrase) {
        return new ConnectOptions(password, Optional.of(privateKey), passphrase, proxies, jumpHostId);
    }

    /**
     * These options with a proxy chain.
     *
     * @param proxies the chain, first hop first; empty to connect directly
     * @return new options
     */
    public ConnectOptions withProxies(List<Socks5Proxy> proxies) {
        return new ConnectOptions(password, privateKey, keyPassphrase, Optional.of(proxies), jumpHostId);
    }

    /**
     * These options with a jump host: the target is reached through {@code hostId}, itself reached as the inventory
     * says (its own jump hosts and proxies), in place of the target's stored jump host and proxies. Every hop's host
     * key is checked as always.
     *
     * @param hostId the inventory host to go through
     * @return new options
     * @since 0.2.0
     */
    @Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
    public ConnectOptions withJumpHost(long hostId) {
        return new ConnectOptions(password, privateKey, keyPassphrase, proxies, OptionalLong.of(hostId));
    }

    /** Says which fields are overridden, never their values. */
    @Override
    public String toString() {
        return "ConnectOptions[password=" + password.isPresent() + ", privateKey=" + privateKey.isPresent()
                + ", keyPassphrase=" + keyPassphrase.isPresent() + ", proxies=" + proxies + ", jumpHostId=" + jumpHostId
                + "]";
    }
}
