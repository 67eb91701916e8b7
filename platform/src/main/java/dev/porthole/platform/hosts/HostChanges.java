package dev.porthole.platform.hosts;

import dev.porthole.api.Registration;
import dev.porthole.api.hosts.HostChange;
import io.micronaut.transaction.annotation.TransactionalEventListener;
import jakarta.inject.Singleton;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each committed {@link HostChange} to the plugins listening for them. What changes the inventory publishes a
 * {@code HostChange} inside its transaction; it arrives here only once that transaction has committed, so a rolled-back
 * change is never reported and a listener's lookup sees the change. One published outside a transaction is dropped
 * (Micronaut's {@code TransactionalEventListener} has no transaction to wait for). Each listener gets its changes one at
 * a time, in order, on the executor it registered with (the plugin's), never on the committing thread.
 */
@Singleton
public class HostChanges {
    private static final Logger LOG = LoggerFactory.getLogger(HostChanges.class);

    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

    /**
     * Calls {@code listener} with every committed change from now on, on {@code executor}, which must run tasks on
     * threads of its own.
     *
     * @param owner the plugin id, for the log
     * @return the registration; once closed, nothing of the listener is held here
     */
    public Registration listen(String owner, Executor executor, Consumer<HostChange> listener) {
        Subscription subscription = new Subscription(
                owner, Objects.requireNonNull(executor, "executor"), Objects.requireNonNull(listener, "listener"));
        subscriptions.add(subscription);
        return subscription;
    }

    /**
     * Runs on the committing thread while the transaction completes, so it hands the change on and never throws: an
     * exception here would skip the transaction's other completion callbacks.
     */
    @TransactionalEventListener(TransactionalEventListener.TransactionPhase.AFTER_COMMIT)
    void committed(HostChange change) {
        subscriptions.forEach(subscription -> subscription.offer(change));
    }

    private final class Subscription implements Registration {
        private final String owner;
        private final Executor executor;
        private final Consumer<HostChange> listener;

        // guarded by this
        private final Queue<HostChange> pending = new ArrayDeque<>();
        private boolean draining;
        private boolean closed;

        Subscription(String owner, Executor executor, Consumer<HostChange> listener) {
            this.owner = owner;
            this.executor = executor;
            this.listener = listener;
        }

        void offer(HostChange change) {
            synchronized (this) {
                if (closed) {
                    return;
                }
                pending.add(change);
                if (draining) {
                    return;
                }
                draining = true;
            }
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                // the plugin's executor is shut down: the plugin is stopping, and its registrations close next
                synchronized (this) {
                    draining = false;
                    pending.clear();
                }
            }
        }

        /** One task drains the queue, so that one listener's calls never overlap and keep their order. */
        private void drain() {
            while (true) {
                HostChange change;
                synchronized (this) {
                    change = closed ? null : pending.poll();
                    if (change == null) {
                        draining = false;
                        return;
                    }
                }
                try {
                    listener.accept(change);
                } catch (Throwable e) {
                    LOG.warn("the host change listener of plugin {} failed on {}", owner, change, e);
                }
            }
        }

        @Override
        public void close() {
            synchronized (this) {
                closed = true;
                pending.clear();
            }
            subscriptions.remove(this);
        }
    }
}
