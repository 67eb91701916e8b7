package dev.porthole.platform.hosts;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

@Serdeable
record ShareView(long userId, String username, String level, Instant createdAt) {
    static ShareView of(HostShare share, String username) {
        return new ShareView(share.userId(), username, share.level(), share.createdAt());
    }
}
