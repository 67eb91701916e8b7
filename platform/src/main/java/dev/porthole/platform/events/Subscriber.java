package dev.porthole.platform.events;

import dev.porthole.platform.auth.Caller;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One client connection as the hub sees it: who it is, what it listens to, and a bounded queue in front of its
 * transport. Publishers only ever add to the queue; the transport takes messages out as fast as it asks for them
 * ({@link #request}), so a client that stops reading costs the publisher nothing and loses its oldest events.
 */
final class Subscriber {
    private final Caller caller;
    private final int capacity;
    private final Set<String> topics = ConcurrentHashMap.newKeySet();

    private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();
    private int queuedEvents;
    private long dropped;
    private boolean closed;

    private final AtomicLong requested = new AtomicLong();
    private final AtomicInteger drainers = new AtomicInteger();
    private volatile Consumer<Outgoing> outlet;

    Subscriber(Caller caller, int capacity) {
        this.caller = caller;
        this.capacity = capacity;
    }

    Caller caller() {
        return caller;
    }

    /** The topics it is subscribed to; the hub keeps this in step with its own index. */
    Set<String> topics() {
        return topics;
    }

    /** Starts delivery to the transport; nothing is delivered before, and nothing is lost either. */
    void open(Consumer<Outgoing> outlet) {
        this.outlet = outlet;
        drain();
    }

    /** The transport can take {@code n} more messages. */
    void request(long n) {
        requested.accumulateAndGet(n, (current, more) -> current + more < 0 ? Long.MAX_VALUE : current + more);
        drain();
    }

    /** Queues a message. Never waits: when the queue holds {@code capacity} events, the oldest event goes. */
    void offer(Outgoing message) {
        synchronized (queue) {
            enqueue(message);
        }
        drain();
    }

    /**
     * Makes a change that starts events flowing, then queues its notice, with no message offered meanwhile able to
     * come before the notice: a client that has read {@code subscribed} can rely on being subscribed, and never
     * gets an event of the topic before it.
     */
    void offerAfter(Runnable change, Outgoing notice) {
        synchronized (queue) {
            change.run();
            enqueue(notice);
        }
        drain();
    }

    private void enqueue(Outgoing message) {
        if (closed) {
            return;
        }
        if (message instanceof Outgoing.Event) {
            if (queuedEvents == capacity) {
                dropOldestEvent();
            } else {
                queuedEvents++;
            }
        }
        queue.add(message);
    }

    /** Stops delivery and frees the queue; later offers are ignored. */
    void close() {
        synchronized (queue) {
            closed = true;
            queue.clear();
        }
    }

    private void dropOldestEvent() {
        // only events are dropped: a client must still learn that a topic closed or that it is subscribed
        for (Iterator<Outgoing> it = queue.iterator(); it.hasNext(); ) {
            if (it.next() instanceof Outgoing.Event) {
                it.remove();
                dropped++;
                return;
            }
        }
    }

    private Outgoing poll() {
        synchronized (queue) {
            if (dropped > 0) {
                // the dropped events were older than anything still queued, so the notice goes first
                Outgoing.Dropped notice = new Outgoing.Dropped(dropped);
                dropped = 0;
                return notice;
            }
            Outgoing next = queue.poll();
            if (next instanceof Outgoing.Event) {
                queuedEvents--;
            }
            return next;
        }
    }

    /**
     * Hands queued messages to the transport while it has demand. Whoever finds the drain idle runs it, and loops
     * again for every call that arrived meanwhile, so delivery is never concurrent nor reentrant.
     */
    private void drain() {
        if (drainers.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            Consumer<Outgoing> target = outlet;
            while (target != null && requested.get() > 0) {
                Outgoing next = poll();
                if (next == null) {
                    break;
                }
                requested.decrementAndGet();
                target.accept(next);
            }
            missed = drainers.addAndGet(-missed);
        } while (missed != 0);
    }
}
