package dev.porthole.plugins.tunnels.status;

import dev.porthole.api.Caller;
import dev.porthole.api.http.SseStream;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The open {@code /ssh/tunnel/status/stream} clients. Each gets the full snapshot it may see when it connects, and
 * again after changes, but at most once per flush: {@link #flush} runs every status interval and sends to the streams
 * that saw a change since, so a hundred tunnels changing at once cost each client one event. What a client may see is
 * read from the inventory when it connects, when a tunnel through a host it has not been checked for appears, and at
 * every keepalive (which also catches shares given or taken); never per event.
 */
public final class StatusStreams {
    static final String EVENT = "statuses";

    private final StatusBoard board;
    private final UsableHosts usable;
    private final Set<Watcher> watchers = ConcurrentHashMap.newKeySet();

    public StatusStreams(StatusBoard board, UsableHosts usable) {
        this.board = board;
        this.usable = usable;
    }

    public void open(Caller caller, SseStream stream) {
        Watcher watcher = new Watcher(caller, stream);
        Runnable unwatch = board.watch(watcher::changed);
        watchers.add(watcher);
        stream.onClose(() -> {
            unwatch.run();
            watchers.remove(watcher);
        });
        watcher.send();
    }

    /** Sends a snapshot to every stream that saw a change since the last flush. */
    public void flush() {
        for (Watcher watcher : watchers) {
            if (watcher.dirty.getAndSet(false)) {
                watcher.send();
            }
        }
    }

    /** Spec 001's {@code : keepalive} comment; also the moment a stream learns of hosts shared with or taken from it. */
    public void keepalive() {
        for (Watcher watcher : watchers) {
            watcher.stream.comment("keepalive");
            if (watcher.refresh(board.hostIds())) {
                watcher.dirty.set(true);
            }
        }
    }

    public int size() {
        return watchers.size();
    }

    public void close() {
        watchers.forEach(w -> w.stream.close());
        watchers.clear();
    }

    private final class Watcher {
        private final Caller caller;
        private final SseStream stream;
        private final AtomicBoolean dirty = new AtomicBoolean();
        // guarded by this: the hosts the caller may use, and every host that answer covers
        private Set<Long> mayUse = Set.of();
        private Set<Long> checked = Set.of();
        private Map<String, Object> lastSent;

        Watcher(Caller caller, SseStream stream) {
            this.caller = caller;
            this.stream = stream;
        }

        void changed() {
            dirty.set(true);
        }

        /** Reads the caller's hosts again; true when the answer changed. */
        synchronized boolean refresh(Set<Long> hosts) {
            Set<Long> now = usable.of(caller);
            checked = Set.copyOf(hosts);
            boolean changed = !now.equals(mayUse);
            mayUse = now;
            return changed;
        }

        synchronized void send() {
            if (!stream.isOpen()) {
                return;
            }
            Set<Long> hosts = board.hostIds();
            if (!checked.containsAll(hosts)) {
                refresh(hosts);
            }
            Set<Long> visible = mayUse;
            Map<String, Object> snapshot = board.snapshot(visible::contains);
            // a change among tunnels this caller cannot see is no news to them
            if (!snapshot.equals(lastSent)) {
                lastSent = snapshot;
                stream.send(EVENT, snapshot);
            }
        }
    }
}
