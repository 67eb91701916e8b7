package dev.porthole.platform.hosts;

import dev.porthole.api.hosts.HostAccess;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** One user's access to another user's host. */
@MappedEntity("host_shares")
record HostShare(@Id @GeneratedValue @Nullable Long id, long hostId, long userId, String level, Instant createdAt) {
    HostAccess accessLevel() {
        return levelOf(level);
    }

    /** The level a share grants, by its name in the API ({@code view}, {@code use}, {@code manage}); null for others. */
    static HostAccess levelOf(String name) {
        for (HostAccess level : HostAccess.values()) {
            if (level != HostAccess.OWNER && level.toString().equals(name)) {
                return level;
            }
        }
        return null;
    }
}
