package dev.porthole.platform.ssh;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * A host's stored key as the API shows it; {@code known} is false (and the key fields null) when none is stored.
 *
 * @param policy tofu or strict
 * @param publicKey in authorized_keys form
 */
@Serdeable
record HostKeyView(
        long hostId,
        String policy,
        boolean known,
        @Nullable String algorithm,
        @Nullable String fingerprint,
        @Nullable String publicKey,
        @Nullable Instant firstSeen) {}
