package dev.porthole.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.porthole.api.Registration;
import dev.porthole.api.jobs.Schedule;
import io.micronaut.scheduling.cron.CronExpression;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JobSchedulerTest {
    private static final Schedule OFTEN = Schedule.every(Duration.ofMillis(10));

    private final ExecutorService pluginExecutor = Executors.newCachedThreadPool(r -> new Thread(r, "plugin-thread"));
    private JobScheduler scheduler = new JobScheduler(Clock.systemUTC());

    @AfterEach
    void stop() {
        scheduler.shutdown();
        pluginExecutor.shutdownNow();
    }

    @Test
    void a_job_runs_repeatedly_on_the_plugin_executor() {
        List<String> threads = new CopyOnWriteArrayList<>();
        scheduler.schedule(
                "p", "tick", OFTEN, () -> threads.add(Thread.currentThread().getName()), pluginExecutor);

        await(() -> threads.size() >= 3, "three runs");

        assertThat(threads).containsOnly("plugin-thread");
        JobInfo info = scheduler.jobs("p").get(0);
        assertThat(info.name()).isEqualTo("tick");
        assertThat(info.schedule()).isEqualTo(OFTEN.toString());
        assertThat(info.runs()).isGreaterThanOrEqualTo(3);
        assertThat(info.lastStarted()).isNotNull();
        assertThat(info.lastOutcome()).isEqualTo("ok");
    }

    @Test
    void runs_never_overlap_and_skipped_runs_are_counted() {
        AtomicInteger active = new AtomicInteger();
        AtomicInteger mostActive = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        scheduler.schedule(
                "p",
                "slow",
                OFTEN,
                () -> {
                    mostActive.accumulateAndGet(active.incrementAndGet(), Math::max);
                    sleep(60);
                    active.decrementAndGet();
                    finished.incrementAndGet();
                },
                pluginExecutor);

        await(() -> finished.get() >= 3, "three slow runs");

        assertThat(mostActive.get()).isEqualTo(1);
        assertThat(scheduler.jobs("p").get(0).skipped()).isPositive();
    }

    @Test
    void an_initial_delay_replaces_the_first_period() {
        CountDownLatch ran = new CountDownLatch(1);
        scheduler.schedule(
                "p",
                "soon",
                Schedule.every(Duration.ofHours(1)).withInitialDelay(Duration.ZERO),
                ran::countDown,
                pluginExecutor);

        await(() -> ran.getCount() == 0, "the first run, without waiting an hour");
    }

    @Test
    void closing_the_registration_lets_the_run_in_flight_finish_and_starts_no_other() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger starts = new AtomicInteger();
        AtomicBoolean finished = new AtomicBoolean();
        Registration registration = scheduler.schedule(
                "p",
                "job",
                OFTEN,
                () -> {
                    starts.incrementAndGet();
                    started.countDown();
                    await(() -> release.getCount() == 0, "release");
                    finished.set(true);
                },
                pluginExecutor);
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        registration.close();
        assertThat(scheduler.jobs("p")).isEmpty();
        release.countDown();
        await(finished::get, "the run in flight to finish");
        sleep(100);

        assertThat(starts.get()).isEqualTo(1);
        registration.close();
    }

    @Test
    void cancel_all_stops_only_the_owners_jobs() {
        AtomicInteger otherRuns = new AtomicInteger();
        AtomicInteger ownRuns = new AtomicInteger();
        scheduler.schedule("a", "one", OFTEN, ownRuns::incrementAndGet, pluginExecutor);
        scheduler.schedule("a", "two", OFTEN, ownRuns::incrementAndGet, pluginExecutor);
        scheduler.schedule("b", "one", OFTEN, otherRuns::incrementAndGet, pluginExecutor);
        await(() -> ownRuns.get() > 0, "a first run");

        scheduler.cancelAll("a");
        sleep(30); // a run handed over just before the cancel may still be counted
        int ownAfterCancel = ownRuns.get();
        int otherAfterCancel = otherRuns.get();

        assertThat(scheduler.jobs("a")).isEmpty();
        assertThat(scheduler.jobs("b")).extracting(JobInfo::name).containsExactly("one");
        await(() -> otherRuns.get() > otherAfterCancel + 2, "the other owner's job to keep running");
        assertThat(ownRuns.get()).isEqualTo(ownAfterCancel);
    }

    @Test
    void a_failing_job_keeps_its_schedule() {
        AtomicInteger attempts = new AtomicInteger();
        scheduler.schedule(
                "p",
                "flaky",
                OFTEN,
                () -> {
                    attempts.incrementAndGet();
                    throw new IllegalStateException("boom");
                },
                pluginExecutor);

        await(() -> attempts.get() >= 3, "three attempts");

        JobInfo info = scheduler.jobs("p").get(0);
        assertThat(info.lastOutcome()).isEqualTo("failed: boom");
        assertThat(info.runs()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void a_job_whose_executor_is_shut_down_is_cancelled_quietly() {
        ExecutorService gone = Executors.newSingleThreadExecutor();
        gone.shutdown();

        scheduler.schedule("p", "orphan", OFTEN, () -> {}, gone);

        await(() -> scheduler.jobs("p").isEmpty(), "the job to be cancelled");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0 0 25 * * *", "0 0 12 * *", "not a cron", "0 0 0 30 2 *"})
    void an_invalid_cron_expression_is_refused_by_name(String expression) {
        assertThatThrownBy(() -> scheduler.schedule("p", "bad", Schedule.cron(expression), () -> {}, pluginExecutor))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + expression + "'");
        assertThat(scheduler.jobs("p")).isEmpty();
    }

    @Test
    void a_second_job_of_the_same_name_is_refused_for_the_same_owner_only() {
        scheduler.schedule("p", "same", OFTEN, () -> {}, pluginExecutor);

        assertThatThrownBy(() -> scheduler.schedule("p", "same", OFTEN, () -> {}, pluginExecutor))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("same");
        scheduler.schedule("q", "same", OFTEN, () -> {}, pluginExecutor);
        assertThat(scheduler.jobs("p")).hasSize(1);
    }

    @Test
    void the_name_of_a_closed_job_can_be_used_again() {
        scheduler.schedule("p", "again", OFTEN, () -> {}, pluginExecutor).close();

        scheduler.schedule("p", "again", OFTEN, () -> {}, pluginExecutor);

        assertThat(scheduler.jobs("p")).extracting(JobInfo::name).containsExactly("again");
    }

    @Test
    void cron_times_are_read_in_utc() {
        CronExpression everyFiveMinutes = CronExpression.create("0 */5 * * * *");

        assertThat(JobScheduler.nextCronTime(everyFiveMinutes, Instant.parse("2024-03-01T12:03:10Z")))
                .isEqualTo("2024-03-01T12:05:00Z");
        assertThat(JobScheduler.nextCronTime(
                        CronExpression.create("0 30 2 * * *"), Instant.parse("2024-03-01T12:00:00Z")))
                .isEqualTo("2024-03-02T02:30:00Z");
    }

    @Test
    void a_cron_job_runs_when_the_clock_reaches_its_time() {
        // the host clock says it is just before noon, in a zone that must not matter
        scheduler.shutdown();
        scheduler =
                new JobScheduler(Clock.fixed(Instant.parse("2024-03-01T11:59:59.800Z"), ZoneId.of("America/New_York")));
        CountDownLatch ran = new CountDownLatch(1);

        scheduler.schedule("p", "noon", Schedule.cron("0 0 12 * * *"), ran::countDown, pluginExecutor);

        await(() -> ran.getCount() == 0, "the noon run");
        assertThat(scheduler.jobs("p").get(0).lastStarted()).isEqualTo("2024-03-01T11:59:59.800Z");
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            sleep(5);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
