package dev.porthole.platform.hosts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A host as stored: secrets sealed, the proxy chain, tunnels and tags as JSON. */
@MappedEntity("hosts")
record HostRow(
        @Id @GeneratedValue @Nullable Long id,
        long ownerId,
        String name,
        String address,
        int port,
        String username,
        String authType,
        @Nullable String passwordSealed,
        @Nullable String privateKeySealed,
        @Nullable String keyPassphraseSealed,
        @Nullable Long jumpHostId,
        String proxiesJson,
        boolean enableDocker,
        boolean enableTunnels,
        boolean enableStats,
        String tunnelsJson,
        String tagsJson,
        String hostKeyPolicy,
        Instant createdAt,
        Instant updatedAt) {}
