package dev.porthole.plugins.stats.polling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.function.LongPredicate;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one blocking poll per host at an interval, at most {@code maxInFlight} at once, driven by {@link #tick()} (a
 * job of the plugin's). Each host gets a random phase when it is added, and every period a little jitter, so that a
 * thousand hosts are not polled in lockstep. A host is never polled twice at once; a poll that is due while the last
 * one runs waits for the next tick after it. The interval is read on every tick, so a new setting applies at once. A
 * poll that answers false takes its host off the schedule.
 */
public final class PollScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(PollScheduler.class);
    /** The first poll of a host added together with many others comes within this (or the interval, if shorter). */
    static final Duration FIRST_SPREAD = Duration.ofSeconds(10);

    private final String name;
    private final Clock clock;
    private final Executor executor;
    private final Semaphore inFlight;
    private final Supplier<Duration> interval;
    private final LongPredicate poll;
    private final RandomGenerator random;
    private final Map<Long, Slot> slots = new ConcurrentHashMap<>();

    public PollScheduler(
            String name,
            Clock clock,
            Executor executor,
            int maxInFlight,
            Supplier<Duration> interval,
            LongPredicate poll,
            RandomGenerator random) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException(name + ": at least one poll must be allowed at once");
        }
        this.name = name;
        this.clock = clock;
        this.executor = executor;
        this.inFlight = new Semaphore(maxInFlight);
        this.interval = interval;
        this.poll = poll;
        this.random = random;
    }

    /** Polls the host from now on, first at a random time within {@link #FIRST_SPREAD}; nothing if it is polled. */
    public void add(long hostId) {
        long spread = Math.min(FIRST_SPREAD.toMillis(), interval.get().toMillis());
        slots.computeIfAbsent(hostId, id -> new Slot(clock.instant().plusMillis(random.nextLong(spread + 1))));
    }

    /** Polls the host as soon as a slot is free (added if it was not polled), then at the interval. */
    public void pollSoon(long hostId) {
        slots.computeIfAbsent(hostId, id -> new Slot(clock.instant())).due = clock.instant();
    }

    /** Stops polling the host; a poll already running ends on its own and is not repeated. */
    public void remove(long hostId) {
        slots.remove(hostId);
    }

    public boolean contains(long hostId) {
        return slots.containsKey(hostId);
    }

    public Set<Long> hosts() {
        return Set.copyOf(slots.keySet());
    }

    /** A shorter interval pulls every host's next poll in to at most one new interval from now. */
    public void intervalChanged() {
        Instant latest = clock.instant().plus(interval.get());
        slots.values().forEach(slot -> {
            if (slot.due.isAfter(latest)) {
                slot.due = latest;
            }
        });
    }

    /**
     * Starts the polls that are due, the most overdue first, as long as slots are free. A poll that ends starts the
     * next due one at once, so throughput is set by how long polls take, not by how often this runs.
     */
    public void tick() {
        List<Map.Entry<Long, Slot>> starting = new ArrayList<>();
        synchronized (this) {
            Instant now = clock.instant();
            List<Map.Entry<Long, Slot>> due = slots.entrySet().stream()
                    .filter(e -> !e.getValue().running && !e.getValue().due.isAfter(now))
                    .sorted(Comparator.comparing((Map.Entry<Long, Slot> e) -> e.getValue().due))
                    .toList();
            for (Map.Entry<Long, Slot> entry : due) {
                if (!inFlight.tryAcquire()) {
                    break;
                }
                entry.getValue().running = true;
                entry.getValue().due = now.plus(period());
                starting.add(entry);
            }
        }
        for (Map.Entry<Long, Slot> entry : starting) {
            try {
                executor.execute(() -> run(entry.getKey(), entry.getValue()));
            } catch (RejectedExecutionException e) {
                // the plugin is stopping
                entry.getValue().running = false;
                inFlight.release();
            }
        }
    }

    private void run(long hostId, Slot slot) {
        try {
            if (!poll.test(hostId)) {
                slots.remove(hostId, slot);
            }
        } catch (RuntimeException e) {
            LOG.warn("{} poll of host {} failed", name, hostId, e);
        } finally {
            slot.running = false;
            inFlight.release();
        }
        tick();
    }

    /** The interval with up to a tenth added, so that hosts polled in step drift apart. */
    private Duration period() {
        long millis = interval.get().toMillis();
        return Duration.ofMillis(millis + random.nextLong(millis / 10 + 1));
    }

    private static final class Slot {
        volatile Instant due;
        volatile boolean running;

        Slot(Instant due) {
            this.due = due;
        }
    }
}
