package dev.porthole.platform.ssh;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;

/** The stored host keys: read before a handshake, written on first use or when an owner accepts a new key. */
@Singleton
class HostKeyStore {
    private final HostKeyRepository keys;
    private final Clock clock;

    HostKeyStore(HostKeyRepository keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    Optional<HostKeyRow> find(long hostId) {
        return keys.findByHostId(hostId);
    }

    /**
     * Stores {@code key} as the one {@code hostId} is known by, replacing any other. One transaction: a replacement
     * that fails half-way must not leave the host with no key, which the next connection would trust on first use.
     */
    @Transactional
    HostKeyRow remember(long hostId, OfferedKey key) {
        Optional<HostKeyRow> stored = keys.findByHostId(hostId);
        if (stored.isPresent() && stored.get().publicKey().equals(key.publicKey())) {
            return stored.get();
        }
        stored.ifPresent(keys::delete);
        return keys.save(
                new HostKeyRow(null, hostId, key.algorithm(), key.fingerprint(), key.publicKey(), clock.instant()));
    }

    /**
     * Stores {@code key} for a host that had none when its connection began, and returns the key the host is known by
     * now. Connections opened at once to a new host all find no key: the first insert wins, and a later one gets the
     * winner's key back to be compared, so a different key offered meanwhile is refused rather than trusted.
     */
    HostKeyRow trustOnFirstUse(long hostId, OfferedKey key) {
        try {
            return keys.save(
                    new HostKeyRow(null, hostId, key.algorithm(), key.fingerprint(), key.publicKey(), clock.instant()));
        } catch (DataAccessException e) {
            return keys.findByHostId(hostId).orElseThrow(() -> e);
        }
    }

    void forget(long hostId) {
        keys.deleteByHostId(hostId);
    }
}
