package dev.porthole.plugins.dockerssh.session;

import dev.porthole.api.Caller;
import dev.porthole.api.ssh.SshTarget;
import dev.porthole.plugins.dockerssh.docker.DockerErrors;
import dev.porthole.plugins.dockerssh.docker.DockerOperations;
import dev.porthole.plugins.dockerssh.routes.DockerSessions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spec 000's sessions, keyed by the client's {@code sessionId}: the connected ones and the logins waiting for a TOTP
 * code or a Warpgate approval. A session id belongs to the user who connected it; anyone else gets a 403. Sessions
 * idle longer than the idle timeout, and logins whose challenge expired, are dropped by {@link #sweep()}.
 */
public final class SessionRegistry implements DockerSessions, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionRegistry.class);

    private final Map<String, DockerSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, PendingLogin> pending = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration idleTimeout;

    public SessionRegistry(Clock clock, Duration idleTimeout) {
        this.clock = clock;
        this.idleTimeout = idleTimeout;
    }

    @Override
    public Optional<DockerOperations> connected(String sessionId, Caller caller) {
        return session(sessionId, caller).map(session -> {
            session.touch(clock.instant());
            return session.operations();
        });
    }

    /** The caller's connected session; 403 for another user's. Does not count as activity. */
    Optional<DockerSession> session(String sessionId, Caller caller) {
        DockerSession session = sessions.get(sessionId);
        if (session != null) {
            requireOwner(session.ownerId(), caller);
        }
        return Optional.ofNullable(session);
    }

    /** Whether the id is free for the caller: unused, or used by the caller (whose old session is then replaced). */
    void claim(String sessionId, Caller caller) {
        DockerSession session = sessions.get(sessionId);
        if (session != null) {
            requireOwner(session.ownerId(), caller);
        }
        PendingLogin login = pending.get(sessionId);
        if (login != null) {
            requireOwner(login.ownerId(), caller);
        }
    }

    /** Connects {@code sessionId} to {@code target}; a previous session or pending login under that id is dropped. */
    void open(String sessionId, Caller caller, SshTarget target) {
        claim(sessionId, caller);
        pending.remove(sessionId);
        DockerSession replaced =
                sessions.put(sessionId, new DockerSession(caller.userId(), target, clock.instant(), idleTimeout));
        closeQuietly(sessionId, replaced);
    }

    void await(String sessionId, Caller caller, PendingLogin login) {
        claim(sessionId, caller);
        closeQuietly(sessionId, sessions.remove(sessionId));
        pending.put(sessionId, login);
    }

    /** The caller's pending login under that id; 403 for another user's. */
    Optional<PendingLogin> pending(String sessionId, Caller caller) {
        PendingLogin login = pending.get(sessionId);
        if (login != null) {
            requireOwner(login.ownerId(), caller);
        }
        return Optional.ofNullable(login);
    }

    /** Forgets a pending login, unless it has been replaced by a newer one meanwhile. */
    void forget(String sessionId, PendingLogin login) {
        pending.remove(sessionId, login);
    }

    /** Ends the caller's session and pending login under that id; whether there was one. */
    boolean disconnect(String sessionId, Caller caller) {
        claim(sessionId, caller);
        boolean hadLogin = pending.remove(sessionId) != null;
        DockerSession session = sessions.remove(sessionId);
        closeQuietly(sessionId, session);
        return hadLogin || session != null;
    }

    /** Drops sessions idle for the idle timeout and logins whose challenge expired; the plugin's job calls it. */
    public void sweep() {
        Instant now = clock.instant();
        sessions.forEach((id, session) -> {
            if (!now.isBefore(session.lastActive().plus(idleTimeout)) && sessions.remove(id, session)) {
                LOG.info("Docker session {} of host {} closed after {} idle", id, session.hostId(), idleTimeout);
                closeQuietly(id, session);
            }
        });
        pending.entrySet().removeIf(entry -> entry.getValue().expired(now));
    }

    Instant now() {
        return clock.instant();
    }

    @Override
    public void close() {
        List<String> ids = new ArrayList<>(sessions.keySet());
        for (String id : ids) {
            closeQuietly(id, sessions.remove(id));
        }
        pending.clear();
    }

    private static void requireOwner(long ownerId, Caller caller) {
        if (ownerId != caller.userId()) {
            throw DockerErrors.of(403, "Session belongs to a different user", DockerErrors.FORBIDDEN);
        }
    }

    /** A session that fails to close must not keep the others from closing. */
    private static void closeQuietly(String sessionId, DockerSession session) {
        if (session == null) {
            return;
        }
        try {
            session.close();
        } catch (RuntimeException e) {
            LOG.warn("closing Docker session {} failed: {}", sessionId, e.getMessage());
        }
    }
}
