package dev.porthole.platform.users;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A person or script that logs in. {@code sessionEpoch} grows whenever the password, role or enabled state changes;
 * every session issued under an older epoch is void.
 */
@MappedEntity("users")
public record User(
        @Id @GeneratedValue @Nullable Long id,
        String username,
        String passwordHash,
        Role role,
        boolean enabled,
        int sessionEpoch,
        Instant createdAt,
        Instant updatedAt) {

    User withPasswordHash(String hash, Instant now) {
        return new User(id, username, hash, role, enabled, sessionEpoch + 1, createdAt, now);
    }

    User withRole(Role newRole, Instant now) {
        return newRole == role
                ? this
                : new User(id, username, passwordHash, newRole, enabled, sessionEpoch + 1, createdAt, now);
    }

    User withEnabled(boolean newEnabled, Instant now) {
        return newEnabled == enabled
                ? this
                : new User(id, username, passwordHash, role, newEnabled, sessionEpoch + 1, createdAt, now);
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    @Override
    public String toString() {
        return "User[id=" + id + ", username=" + username + ", role=" + role + ", enabled=" + enabled + "]";
    }
}
