package dev.porthole.plugins.containers.work;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * Maps items at most {@code parallelism} at a time on the plugin's executor, the calling thread taking its share. The
 * caller waits only for items a running thread has taken, never for a helper still queued: a helper that starts late
 * finds nothing left and ends. So however many requests fan out at once on the plugin's fixed pool, none waits for a
 * thread that the others hold.
 */
public final class Fanout {
    private Fanout() {}

    /**
     * @param work must not throw: return the failure as a result instead
     * @return the results, in the order of {@code items}
     */
    public static <T, R> List<R> map(List<T> items, int parallelism, Executor executor, Function<T, R> work) {
        int total = items.size();
        AtomicReferenceArray<R> results = new AtomicReferenceArray<>(total);
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(total);
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                try {
                    results.set(i, work.apply(items.get(i)));
                } finally {
                    done.countDown();
                }
            }
        };
        int helpers = Math.min(parallelism, total) - 1;
        for (int h = 0; h < helpers; h++) {
            executor.execute(worker);
        }
        worker.run();
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the work of other threads", e);
        }
        List<R> ordered = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            ordered.add(results.get(i));
        }
        return ordered;
    }
}
