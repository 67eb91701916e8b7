package dev.porthole.platform.jobs;

import dev.porthole.api.Registration;
import dev.porthole.api.jobs.Schedule;
import dev.porthole.platform.threads.HostThreads;
import io.micronaut.scheduling.cron.CronExpression;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs plugin jobs. One host thread, {@code porthole-jobs}, only decides when a job is due; the run is handed to the
 * executor the plugin runtime passes in (the plugin's own threads), so plugin code never runs on a host thread. A run
 * that falls due while the previous run of the same job is still queued or running is skipped and counted.
 *
 * <p>The executor must run tasks on its own threads: one that runs them on the caller would run plugin code on the
 * timer thread and hold up every other job.
 */
@Singleton
public class JobScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(JobScheduler.class);

    private final Clock clock;
    private final ScheduledThreadPoolExecutor timer;
    private final Map<JobKey, Job> jobs = new ConcurrentHashMap<>();

    public JobScheduler(Clock clock) {
        this.clock = clock;
        this.timer = new ScheduledThreadPoolExecutor(1, HostThreads.daemon("porthole-jobs", false));
        // a cancelled cron job waits in the queue until its next due time otherwise, keeping its plugin loaded
        timer.setRemoveOnCancelPolicy(true);
    }

    /**
     * Schedules {@code job} for the plugin {@code owner}, to run on {@code executor}.
     *
     * @throws IllegalArgumentException for an invalid cron expression, or a name the owner already uses
     */
    public Registration schedule(String owner, String name, Schedule schedule, Runnable job, Executor executor) {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(executor, "executor");
        CronExpression cron = schedule.cron().map(JobScheduler::parseCron).orElse(null);
        Job entry = new Job(new JobKey(owner, name), schedule, cron, job, executor);
        if (jobs.putIfAbsent(entry.key, entry) != null) {
            throw new IllegalArgumentException("plugin " + owner + " already has a job named '" + name + "'");
        }
        try {
            entry.start();
        } catch (RuntimeException e) {
            jobs.remove(entry.key, entry);
            throw e;
        }
        return entry::close;
    }

    /** The owner's jobs, by name. */
    public List<JobInfo> jobs(String owner) {
        return jobs.values().stream()
                .filter(job -> job.key.owner().equals(owner))
                .map(Job::info)
                .sorted(Comparator.comparing(JobInfo::name))
                .toList();
    }

    /** Cancels every job of the owner, as if each registration were closed. */
    public void cancelAll(String owner) {
        jobs.values().stream()
                .filter(job -> job.key.owner().equals(owner))
                .toList()
                .forEach(Job::close);
    }

    @PreDestroy
    void shutdown() {
        List.copyOf(jobs.values()).forEach(Job::close);
        timer.shutdownNow();
    }

    /** The first time strictly after {@code after} that {@code cron} matches, reading the expression in UTC. */
    static Instant nextCronTime(CronExpression cron, Instant after) {
        return cron.nextTimeAfter(after.atZone(ZoneOffset.UTC)).toInstant();
    }

    private static CronExpression parseCron(String expression) {
        if (expression.split("\\s+").length != 6) {
            // Micronaut would also read five fields, without seconds; plugin-api promises one form only
            throw new IllegalArgumentException("invalid cron expression '" + expression
                    + "': six fields are needed (second minute hour day-of-month month day-of-week)");
        }
        try {
            CronExpression cron = CronExpression.create(expression);
            // an expression that never matches (30 February) fails here, not later on the timer thread
            nextCronTime(cron, Instant.EPOCH);
            return cron;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid cron expression '" + expression + "': " + e.getMessage(), e);
        }
    }

    private record JobKey(String owner, String name) {}

    private final class Job {
        final JobKey key;
        final Schedule schedule;
        final CronExpression cron;
        final Runnable task;
        final Executor executor;
        final AtomicBoolean inProgress = new AtomicBoolean();

        // guarded by this
        private boolean cancelled;
        private ScheduledFuture<?> next;
        private Instant lastStarted;
        private String lastOutcome;
        private long runs;
        private long skipped;

        Job(JobKey key, Schedule schedule, CronExpression cron, Runnable task, Executor executor) {
            this.key = key;
            this.schedule = schedule;
            this.cron = cron;
            this.task = task;
            this.executor = executor;
        }

        synchronized void start() {
            if (cron == null) {
                long period = schedule.period().orElseThrow().toNanos();
                long delay = schedule.initialDelay().orElseThrow().toNanos();
                next = timer.scheduleAtFixedRate(this::due, delay, period, TimeUnit.NANOSECONDS);
            } else {
                armCron(clock.instant());
            }
        }

        private void armCron(Instant after) {
            Instant at = nextCronTime(cron, after);
            long delay = Math.max(0, Duration.between(clock.instant(), at).toNanos());
            next = timer.schedule(() -> cronDue(at), delay, TimeUnit.NANOSECONDS);
        }

        private void cronDue(Instant dueAt) {
            due();
            synchronized (this) {
                if (!cancelled) {
                    Instant now = clock.instant();
                    // never the same due time twice, even if the clock lags the timer
                    armCron(now.isAfter(dueAt) ? now : dueAt);
                }
            }
        }

        /** On the timer thread: hand the run to the plugin's executor unless the previous run is still going. */
        private void due() {
            if (!inProgress.compareAndSet(false, true)) {
                synchronized (this) {
                    skipped++;
                }
                return;
            }
            try {
                executor.execute(this::run);
            } catch (RejectedExecutionException e) {
                // the plugin's executor is shut down: the plugin is stopping, its jobs go with it
                inProgress.set(false);
                close();
            }
        }

        private void run() {
            synchronized (this) {
                if (cancelled) {
                    inProgress.set(false);
                    return;
                }
                runs++;
                lastStarted = clock.instant();
            }
            String outcome = "ok";
            try {
                task.run();
            } catch (Throwable e) {
                LOG.warn("job '{}' of plugin {} failed", key.name(), key.owner(), e);
                outcome = "failed: "
                        + (e.getMessage() != null
                                ? e.getMessage()
                                : e.getClass().getName());
            } finally {
                synchronized (this) {
                    lastOutcome = outcome;
                }
                inProgress.set(false);
            }
        }

        void close() {
            synchronized (this) {
                cancelled = true;
                if (next != null) {
                    next.cancel(false);
                }
            }
            jobs.remove(key, this);
        }

        synchronized JobInfo info() {
            return new JobInfo(key.name(), schedule.toString(), lastStarted, lastOutcome, runs, skipped);
        }
    }
}
