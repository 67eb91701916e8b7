package dev.porthole.platform.hosts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** One user's access to another user's host. */
@MappedEntity("host_shares")
record HostShare(@Id @GeneratedValue @Nullable Long id, long hostId, long userId, String level, Instant createdAt) {
    AccessLevel accessLevel() {
        return AccessLevel.ofShare(level);
    }
}
