package dev.porthole.platform.auth;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("revoked_sessions")
record RevokedSession(@Id String jti, Instant expiresAt) {}
