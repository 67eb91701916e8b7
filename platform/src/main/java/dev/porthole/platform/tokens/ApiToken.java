package dev.porthole.platform.tokens;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A named API token of a user. Only the SHA-256 of its secret is stored; {@code scopes} is space-separated. */
@MappedEntity("api_tokens")
record ApiToken(
        @Id @GeneratedValue @Nullable Long id,
        long userId,
        String name,
        String scopes,
        String secretHash,
        Instant createdAt,
        @Nullable Instant expiresAt,
        @Nullable Instant lastUsedAt) {

    java.util.List<String> scopeList() {
        return java.util.List.of(scopes.split(" "));
    }

    boolean isExpired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    ApiToken usedAt(Instant now) {
        return new ApiToken(id, userId, name, scopes, secretHash, createdAt, expiresAt, now);
    }
}
