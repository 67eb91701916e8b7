package dev.porthole.platform.ssh;

import dev.porthole.api.ssh.Challenge;
import dev.porthole.api.ssh.SshException;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The challenges now waiting for a person, by id. A challenge is answered once, by the user who started its login,
 * before it expires; anything else is {@code CHALLENGE_EXPIRED}, whose message does not tell which (so that ids
 * reveal nothing about other users' logins).
 */
@Singleton
class Challenges {
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Clock clock;

    Challenges(Clock clock) {
        this.clock = clock;
    }

    /**
     * A challenge waiting for its answers.
     *
     * @param answers completed by {@link #take}'s caller; the login's SSH thread waits on it
     */
    record Pending(Challenge challenge, Login login, CompletableFuture<List<String>> answers) {}

    /**
     * At most this many logins wait for a person at once. Each holds one of the SSH client's I/O threads while it
     * waits (MINA asks on its I/O thread), so half of them always stay free for the traffic of open connections.
     */
    static final int MAX_WAITING = SshClientFactory.IO_THREADS / 2;

    /** Registers a new challenge; empty when {@link #MAX_WAITING} logins already wait for an answer. */
    synchronized Optional<Pending> tryOpen(Challenge challenge, Login login) {
        pending.values()
                .removeIf(entry -> !clock.instant().isBefore(entry.challenge().expiresAt()));
        if (pending.size() >= MAX_WAITING) {
            return Optional.empty();
        }
        return Optional.of(open(challenge, login, new CompletableFuture<>()));
    }

    /** Registers (or puts back) a challenge whose login waits on {@code answers}. */
    Pending open(Challenge challenge, Login login, CompletableFuture<List<String>> answers) {
        Pending entry = new Pending(challenge, login, answers);
        pending.put(challenge.id(), entry);
        return entry;
    }

    /** Removes and returns the challenge for this user to answer. */
    Pending take(long userId, String id) {
        Pending entry = id == null ? null : pending.get(id);
        if (entry == null
                || entry.login().userId() != userId
                || !clock.instant().isBefore(entry.challenge().expiresAt())
                || !pending.remove(id, entry)) {
            throw new SshException(
                    SshException.Code.CHALLENGE_EXPIRED,
                    "no challenge " + id + " is waiting for your answer; it may have expired: connect again");
        }
        return entry;
    }

    void drop(String id) {
        pending.remove(id);
    }
}
