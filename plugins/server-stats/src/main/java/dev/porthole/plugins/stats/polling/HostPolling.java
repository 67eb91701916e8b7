package dev.porthole.plugins.stats.polling;

import dev.porthole.plugins.stats.metrics.MetricsBoard;
import dev.porthole.plugins.stats.status.StatusBoard;
import dev.porthole.plugins.stats.viewers.Viewers;
import java.time.Clock;
import java.util.function.LongConsumer;

/**
 * Which hosts are polled for what. Every host of the inventory gets status checks from the moment it is known; a
 * host's metrics are polled while it has a viewer, and stop when the last one leaves. A host that leaves the inventory
 * is forgotten everywhere: schedules, status, snapshot, viewers and history.
 */
public final class HostPolling {
    private final Inventory inventory;
    private final PollScheduler status;
    private final PollScheduler metrics;
    private final StatusBoard statuses;
    private final MetricsBoard snapshots;
    private final LongConsumer historyDeleted;
    private final Viewers viewers;

    public HostPolling(
            Inventory inventory,
            PollScheduler status,
            PollScheduler metrics,
            StatusBoard statuses,
            MetricsBoard snapshots,
            LongConsumer historyDeleted,
            Clock clock) {
        this.inventory = inventory;
        this.status = status;
        this.metrics = metrics;
        this.statuses = statuses;
        this.snapshots = snapshots;
        this.historyDeleted = historyDeleted;
        this.viewers = new Viewers(clock, metrics::pollSoon, metrics::remove);
    }

    public Viewers viewers() {
        return viewers;
    }

    /** Reads the whole inventory again and follows what changed. */
    public void refresh() {
        apply(inventory.refresh());
    }

    /** Reads one host again (the inventory said it changed, or a client did) and polls it now. */
    public void refresh(long hostId) {
        apply(inventory.refresh(hostId));
    }

    private void apply(Inventory.Changes changes) {
        changes.changed().forEach(this::hostChanged);
        changes.removed().forEach(this::hostRemoved);
    }

    /** A host appeared or changed: checked soon, and its metrics polled soon if someone looks at them. */
    private void hostChanged(Inventory.Entry entry) {
        long id = entry.host().id();
        if (status.contains(id)) {
            status.pollSoon(id);
        } else {
            status.add(id);
        }
        if (!entry.host().enableStats()) {
            metrics.remove(id);
        } else if (viewers.watched(id)) {
            metrics.pollSoon(id);
        }
    }

    private void hostRemoved(long hostId) {
        status.remove(hostId);
        metrics.remove(hostId);
        statuses.remove(hostId);
        snapshots.remove(hostId);
        viewers.forgetHost(hostId);
        historyDeleted.accept(hostId);
    }

    /** Someone started the host's metrics (again, after a refused login, or to see them now). */
    public void metricsNow(long hostId) {
        metrics.pollSoon(hostId);
    }

    public void statusNow(long hostId) {
        status.pollSoon(hostId);
    }

    public void intervalsChanged() {
        status.intervalChanged();
        metrics.intervalChanged();
    }

    public boolean metricsPolled(long hostId) {
        return metrics.contains(hostId);
    }
}
