package dev.porthole.plugins.containers.work;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class FanoutTest {

    @Test
    void resultsKeepTheOrderOfTheItems() {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Integer> items = IntStream.range(0, 100).boxed().toList();
            assertThat(Fanout.map(items, 4, pool, i -> i * 2))
                    .containsExactlyElementsOf(items.stream().map(i -> i * 2).toList());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void atMostParallelismRunAtOnce() {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        AtomicInteger now = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        try {
            Fanout.map(IntStream.range(0, 40).boxed().toList(), 5, pool, i -> {
                most.accumulateAndGet(now.incrementAndGet(), Math::max);
                sleep(Duration.ofMillis(10));
                now.decrementAndGet();
                return i;
            });
            assertThat(most.get()).isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every thread of the pool is busy: the caller does all the work itself and never waits for a queued helper. */
    @Test
    @Timeout(10)
    void aBusyPoolDoesNotDeadlockTheCaller() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        CountDownLatch release = new CountDownLatch(1);
        pool.execute(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            List<String> results = Fanout.map(List.of("a", "b", "c"), 3, pool, String::toUpperCase);
            assertThat(results).containsExactly("A", "B", "C");
        } finally {
            release.countDown();
            pool.shutdown();
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
