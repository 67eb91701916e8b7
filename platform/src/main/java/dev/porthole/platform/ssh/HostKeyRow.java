package dev.porthole.platform.ssh;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** The key an inventory host is known by. {@code publicKey} is in authorized_keys form. */
@MappedEntity("ssh_host_keys")
record HostKeyRow(
        @Id @GeneratedValue @Nullable Long id,
        long hostId,
        String algorithm,
        String fingerprint,
        String publicKey,
        Instant firstSeen) {}
