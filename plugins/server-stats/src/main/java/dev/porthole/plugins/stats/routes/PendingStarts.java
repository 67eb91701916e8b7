package dev.porthole.plugins.stats.routes;

import dev.porthole.api.ssh.Challenge;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Metrics starts that wait for a person (a TOTP code), by the challenge's id, which is the {@code sessionId} the
 * client sends back. Only the user who started one may finish it; an entry is dropped when answered or expired.
 */
final class PendingStarts {
    record Pending(long hostId, long userId, Challenge challenge) {}

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    void add(long userId, Challenge challenge) {
        pending.put(challenge.id(), new Pending(challenge.hostId(), userId, challenge));
    }

    Optional<Pending> get(String sessionId, long userId) {
        return Optional.ofNullable(pending.get(sessionId)).filter(p -> p.userId() == userId);
    }

    void remove(String sessionId) {
        pending.remove(sessionId);
    }

    void expire(Instant now) {
        pending.values().removeIf(p -> p.challenge().expiresAt().isBefore(now));
    }
}
