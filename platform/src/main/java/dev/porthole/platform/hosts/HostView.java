package dev.porthole.platform.hosts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * A host as the API shows it: never a secret, only whether one is stored. {@code access} is the caller's level as
 * {@link dev.porthole.api.hosts.HostAccess} spells it: owner (admins own every host), manage, use or view.
 */
@Serdeable
record HostView(
        long id,
        String name,
        String address,
        int port,
        String username,
        String authType,
        boolean hasPassword,
        boolean hasKey,
        boolean hasKeyPassphrase,
        @Nullable Long jumpHostId,
        List<ProxyView> proxies,
        boolean enableDocker,
        boolean enableTunnels,
        boolean enableStats,
        List<TunnelDefinition> tunnels,
        List<String> tags,
        String hostKeyPolicy,
        long ownerId,
        String owner,
        String access,
        Instant createdAt,
        Instant updatedAt) {

    @Serdeable
    record ProxyView(String host, int port, @Nullable String username, boolean hasPassword) {}
}
