package dev.porthole.platform.hosts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The body of {@code POST /api/hosts} and {@code PUT /api/hosts/{id}}. On update, a secret field that is absent or
 * null keeps the stored secret and an empty string removes it; so a client can send back what it read, which never
 * holds a secret.
 */
@Serdeable
record HostInput(
        @NotBlank @Size(max = 128) String name,

        @NotBlank @Size(max = 255) @Pattern(regexp = ADDRESS, message = ADDRESS_RULE)
        String address,

        @Nullable @Min(1) @Max(65535) Integer port,

        @NotBlank @Size(max = 64) @Pattern(regexp = SSH_USER, message = SSH_USER_RULE)
        String username,

        @NotNull
        @Pattern(
                regexp = "password|key|keyboard-interactive|none",
                message = "must be one of password, key, keyboard-interactive, none")
        String authType,

        @Nullable @Size(max = 1024) String password,
        @Nullable @Size(max = 16384) String privateKey,
        @Nullable @Size(max = 1024) String keyPassphrase,
        @Nullable @Positive Long jumpHostId,
        @Nullable @Size(max = 8) List<@NotNull @Valid ProxyInput> proxies,
        @Nullable Boolean enableDocker,
        @Nullable Boolean enableTunnels,
        @Nullable Boolean enableStats,
        @Nullable @Size(max = 64) List<@NotNull @Valid TunnelDefinition> tunnels,
        @Nullable @Size(max = 32) List<@NotNull @Pattern(regexp = TAG, message = TAG_RULE) String> tags,

        @Nullable @Pattern(regexp = "tofu|strict", message = "must be one of tofu, strict")
        String hostKeyPolicy) {

    /** A DNS name, an IPv4 address, or an IPv6 address with or without brackets; never an option for a command. */
    static final String ADDRESS = "[A-Za-z0-9_\\[:][A-Za-z0-9._:%\\[\\]-]*";

    static final String ADDRESS_RULE = "must be a host name or an IP address";
    /** Warpgate's user:target form included; no white space, no leading '-'. */
    static final String SSH_USER = "[A-Za-z0-9_.][A-Za-z0-9._@:+-]*";

    static final String SSH_USER_RULE = "must be letters, digits and . _ @ : + - without spaces, not starting with '-'";
    static final String TAG = "[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}";
    static final String TAG_RULE = "must be 1-64 characters: letters, digits and . _ : / -";

    /** One SOCKS5 proxy of the chain, in the order the connection passes them. */
    @Serdeable
    record ProxyInput(
            @NotBlank @Size(max = 255) @Pattern(regexp = ADDRESS, message = ADDRESS_RULE)
            String host,

            @NotNull @Min(1) @Max(65535) Integer port,
            @Nullable @Size(max = 255) String username,
            @Nullable @Size(max = 255) String password) {

        @Override
        public String toString() {
            return "ProxyInput[host=" + host + ", port=" + port + ", username=" + username + "]";
        }
    }

    @Override
    public String toString() {
        return "HostInput[name=" + name + ", address=" + address + ", port=" + port + ", username=" + username + "]";
    }
}
