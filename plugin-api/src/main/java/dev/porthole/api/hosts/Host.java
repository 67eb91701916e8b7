package dev.porthole.api.hosts;

import dev.porthole.api.Api;
import java.util.List;
import java.util.Optional;

/**
 * A host of the inventory as a plugin sees it. It carries no secret: credentials stay in the host and reach only its
 * SSH service.
 *
 * @param authType {@code password}, {@code key} or {@code none}
 * @param access the caller's level on this host
 */
@Api(since = "0.1.0", stability = Api.Stability.STABLE)
public record Host(
        long id,
        String name,
        String address,
        int port,
        String username,
        String authType,
        Optional<Long> jumpHostId,
        boolean enableDocker,
        boolean enableTunnels,
        boolean enableStats,
        List<String> tags,
        long ownerId,
        HostAccess access) {}
