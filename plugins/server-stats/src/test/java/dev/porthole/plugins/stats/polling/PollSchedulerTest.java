package dev.porthole.plugins.stats.polling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.porthole.test.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PollSchedulerTest {
    private final MutableClock clock = new MutableClock();
    private final List<Runnable> queued = new ArrayList<>();
    private final Executor later = queued::add;
    private final List<Long> polled = new CopyOnWriteArrayList<>();
    private final AtomicReference<Duration> interval = new AtomicReference<>(Duration.ofSeconds(30));

    private PollScheduler scheduler(int maxInFlight) {
        return new PollScheduler("test", clock, later, maxInFlight, interval::get, id -> polled.add(id), new Random(1));
    }

    private void runQueued() {
        List<Runnable> now = new ArrayList<>(queued);
        queued.clear();
        now.forEach(Runnable::run);
    }

    @Test
    void hosts_added_together_are_spread_over_the_first_ten_seconds_not_polled_in_lockstep() {
        PollScheduler scheduler = new PollScheduler(
                "test", clock, Runnable::run, 1000, interval::get, id -> polled.add(id), new Random(7));
        for (long id = 1; id <= 1000; id++) {
            scheduler.add(id);
        }
        int[] perSecond = new int[11];
        for (int second = 0; second <= 10; second++) {
            int before = polled.size();
            scheduler.tick();
            perSecond[second] = polled.size() - before;
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(polled).hasSize(1000).doesNotHaveDuplicates();
        for (int count : perSecond) {
            assertThat(count).as("polls in one second").isLessThan(200);
        }
    }

    @Test
    void no_more_than_max_in_flight_run_at_once_and_the_rest_wait_for_a_free_slot() {
        PollScheduler scheduler = scheduler(2);
        for (long id = 1; id <= 5; id++) {
            scheduler.pollSoon(id);
        }
        scheduler.tick();
        assertThat(queued).hasSize(2);
        scheduler.tick();
        assertThat(queued).as("no slot freed yet").hasSize(2);
        runQueued();
        scheduler.tick();
        assertThat(queued).hasSize(2);
        runQueued();
        scheduler.tick();
        runQueued();
        assertThat(polled).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void a_poll_that_ends_starts_the_next_due_one_so_throughput_is_not_capped_per_tick() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            PollScheduler scheduler =
                    new PollScheduler("test", clock, threads, 2, interval::get, id -> polled.add(id), new Random(1));
            for (long id = 1; id <= 50; id++) {
                scheduler.pollSoon(id);
            }
            scheduler.tick();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (polled.size() < 50 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(polled)
                    .as("one tick, two slots, fifty due hosts")
                    .hasSize(50)
                    .doesNotHaveDuplicates();
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void the_most_overdue_host_goes_first_when_slots_are_short() {
        PollScheduler scheduler = scheduler(1);
        scheduler.pollSoon(2);
        clock.advance(Duration.ofSeconds(5));
        scheduler.pollSoon(1);
        scheduler.tick();
        runQueued();
        assertThat(polled).as("host 2 waited 5 s longer").startsWith(2L);
    }

    @Test
    void a_host_is_polled_again_after_the_interval_and_a_shorter_interval_applies_at_once() {
        PollScheduler scheduler = scheduler(10);
        scheduler.pollSoon(1);
        scheduler.tick();
        runQueued();
        clock.advance(Duration.ofSeconds(29));
        scheduler.tick();
        assertThat(queued).as("before the interval").isEmpty();
        interval.set(Duration.ofSeconds(10));
        scheduler.intervalChanged();
        clock.advance(Duration.ofSeconds(11));
        scheduler.tick();
        assertThat(queued).as("the new, shorter interval").hasSize(1);
    }

    @Test
    void a_poll_that_answers_false_takes_its_host_off_and_remove_stops_it() {
        PollScheduler scheduler =
                new PollScheduler("test", clock, Runnable::run, 10, interval::get, id -> id != 2, new Random(1));
        scheduler.pollSoon(1);
        scheduler.pollSoon(2);
        scheduler.pollSoon(3);
        scheduler.tick();
        assertThat(scheduler.hosts()).containsExactlyInAnyOrder(1L, 3L);
        scheduler.remove(3);
        assertThat(scheduler.contains(3)).isFalse();
    }
}
