package dev.porthole.platform.ssh;

import dev.porthole.api.ssh.SshException;
import dev.porthole.platform.config.SshConfiguration;
import dev.porthole.platform.threads.HostThreads;
import io.micronaut.context.annotation.Bean;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.sshd.client.session.ClientSession;

/**
 * Authenticated connections by (host, user, credential hash), each carrying up to
 * {@code max-sessions-per-connection} channels; past that another connection is opened. A connection that is being
 * opened already counts its waiters, so a burst of requests opens as few connections as it needs. Closed or closing
 * sessions are dropped when next looked at, so a broken connection is replaced on next use; connections without a
 * lease for {@code idle-timeout} are closed.
 */
@Singleton
@Bean(preDestroy = "close")
class ConnectionPool implements AutoCloseable {

    /**
     * What makes two connections interchangeable; {@code credentialHash} is a hash, never a secret. A login completed
     * with a person's answer (a TOTP code, a Warpgate approval) is theirs alone: its key names that user as
     * {@code person}; every other connection is shared ({@link #SHARED}) by the users who may use the host.
     */
    record PoolKey(long hostId, String username, String credentialHash, long person) {
        static final long SHARED = 0;

        PoolKey(long hostId, String username, String credentialHash) {
            this(hostId, username, credentialHash, SHARED);
        }

        PoolKey personal(long userId) {
            return new PoolKey(hostId, username, credentialHash, userId);
        }

        PoolKey shared() {
            return new PoolKey(hostId, username, credentialHash, SHARED);
        }
    }

    private final SshConfiguration config;
    private final Map<PoolKey, List<Pooled>> connections = new HashMap<>();
    private final ScheduledExecutorService reaper =
            Executors.newSingleThreadScheduledExecutor(HostThreads.daemon("ssh-pool-reaper", false));

    ConnectionPool(SshConfiguration config) {
        this.config = config;
        long period = Math.max(100, Math.min(config.idleTimeout().toMillis() / 2, 30_000));
        reaper.scheduleWithFixedDelay(this::closeIdle, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * What a lease is for. OpenSSH's {@code MaxSessions} limits a connection's session channels (exec, shell, sftp):
     * those count toward {@code max-sessions-per-connection}. A TCP channel (direct-tcpip) is not limited there, so
     * any number share one connection; it only keeps that connection from going idle.
     */
    enum Slot {
        SESSION,
        TCP
    }

    /**
     * A channel slot of the kind {@code kind} on a connection for {@code key}, opening one with {@code opener} when
     * every connection is full. Throws {@link SshException} when the connection cannot be opened, including
     * {@code CHALLENGE_REQUIRED}.
     */
    Lease acquire(PoolKey key, long userId, Supplier<Login> opener, Duration wait, Slot kind) {
        while (true) {
            Pooled slot;
            synchronized (this) {
                slot = withRoom(key.personal(userId), kind);
                List<Pooled> list = connections.computeIfAbsent(key, k -> new ArrayList<>());
                if (slot == null) {
                    slot = withRoom(key, kind);
                }
                if (slot == null) {
                    slot = new Pooled(opener.get());
                    list.add(slot);
                }
                slot.take(kind);
            }
            try {
                return new Lease(this, slot, slot.session(wait), kind);
            } catch (SshException e) {
                boolean othersChallenge = e.code() == SshException.Code.CHALLENGE_REQUIRED
                        && slot.login != null
                        && slot.login.userId() != userId;
                synchronized (this) {
                    slot.give(kind);
                    List<Pooled> list = connections.get(key);
                    if (list != null) {
                        list.remove(slot);
                    }
                }
                if (!othersChallenge) {
                    throw e;
                }
                // another user's login waits for their answer; this caller opens their own
            }
        }
    }

    /** Takes a connection whose login finished after {@code userId} answered a challenge into the pool, as theirs. */
    synchronized void adopt(PoolKey key, long userId, ClientSession session) {
        connections
                .computeIfAbsent(key.personal(userId), k -> new ArrayList<>())
                .add(new Pooled(session));
    }

    /** Open connections for {@code key}, shared and personal, for tests and diagnostics. */
    synchronized int size(PoolKey key) {
        int size = 0;
        for (Map.Entry<PoolKey, List<Pooled>> entry : connections.entrySet()) {
            if (entry.getKey().shared().equals(key.shared())) {
                entry.getValue().removeIf(Pooled::isBroken);
                size += entry.getValue().size();
            }
        }
        return size;
    }

    /** A live connection for exactly {@code key} with room for a channel of the kind {@code kind}, or null. */
    private Pooled withRoom(PoolKey key, Slot kind) {
        List<Pooled> list = connections.get(key);
        if (list == null) {
            return null;
        }
        list.removeIf(Pooled::isBroken);
        return list.stream()
                .filter(p -> kind == Slot.TCP || p.sessions < config.maxSessionsPerConnection())
                .findFirst()
                .orElse(null);
    }

    /**
     * Closes the idle connections for {@code key} (those without a lease), so that the next acquire opens a fresh one;
     * {@return how many it closed}
     */
    int evictIdle(PoolKey key) {
        List<ClientSession> idle = new ArrayList<>();
        synchronized (this) {
            List<Pooled> list = connections.get(key);
            if (list == null) {
                return 0;
            }
            list.removeIf(p -> {
                boolean take = p.session != null && p.active == 0;
                if (take) {
                    idle.add(p.session);
                }
                return take || p.isBroken();
            });
        }
        idle.forEach(s -> s.close(false));
        return idle.size();
    }

    private synchronized void release(Pooled slot, Slot kind) {
        slot.give(kind);
        slot.idleSince = System.nanoTime();
    }

    private void closeIdle() {
        List<ClientSession> idle = new ArrayList<>();
        long now = System.nanoTime();
        synchronized (this) {
            for (List<Pooled> list : connections.values()) {
                list.removeIf(p -> {
                    boolean expired = p.session != null
                            && p.active == 0
                            && now - p.idleSince >= config.idleTimeout().toNanos();
                    if (expired) {
                        idle.add(p.session);
                    }
                    return expired || p.isBroken();
                });
            }
            connections.values().removeIf(List::isEmpty);
        }
        idle.forEach(s -> s.close(false));
    }

    @Override
    @PreDestroy
    public void close() {
        reaper.shutdownNow();
        List<ClientSession> all = new ArrayList<>();
        synchronized (this) {
            connections.values().forEach(list -> list.stream()
                    .filter(p -> p.session != null)
                    .forEach(p -> all.add(p.session)));
            connections.clear();
        }
        all.forEach(s -> s.close(true));
    }

    /** One connection of the pool, or one being opened. Guarded by the pool's lock except for the login wait. */
    private static final class Pooled {
        private final Login login;
        private volatile ClientSession session;
        // every lease, and the session channel leases among them
        private int active;
        private int sessions;
        private long idleSince = System.nanoTime();

        Pooled(Login login) {
            this.login = login;
        }

        Pooled(ClientSession session) {
            this.login = null;
            this.session = session;
        }

        ClientSession session(Duration wait) {
            ClientSession current = session;
            if (current != null) {
                return current;
            }
            current = login.await(wait);
            session = current;
            return current;
        }

        void take(Slot kind) {
            active++;
            if (kind == Slot.SESSION) {
                sessions++;
            }
        }

        void give(Slot kind) {
            active--;
            if (kind == Slot.SESSION) {
                sessions--;
            }
        }

        boolean isBroken() {
            ClientSession current = session;
            return current != null && (!current.isOpen() || current.isClosing());
        }
    }

    /** A channel slot held on one connection; closing it gives the slot back. Closing twice does nothing. */
    static final class Lease implements AutoCloseable {
        private final ConnectionPool pool;
        private final Pooled slot;
        private final ClientSession session;
        private final Slot kind;
        private boolean closed;

        private Lease(ConnectionPool pool, Pooled slot, ClientSession session, Slot kind) {
            this.pool = pool;
            this.slot = slot;
            this.session = session;
            this.kind = kind;
        }

        ClientSession session() {
            return session;
        }

        @Override
        public void close() {
            synchronized (pool) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            pool.release(slot, kind);
        }
    }
}
