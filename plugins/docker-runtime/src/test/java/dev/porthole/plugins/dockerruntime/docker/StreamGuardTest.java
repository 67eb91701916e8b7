package dev.porthole.plugins.dockerruntime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Closeable;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class StreamGuardTest {
    @Test
    void a_stream_closed_before_its_task_ran_is_ended_by_the_closer_and_the_task_does_nothing() {
        StreamGuard guard = new StreamGuard();

        assertThat(guard.close()).isTrue();
        assertThat(guard.begin()).isFalse();
        assertThat(guard.close()).isFalse();
    }

    @Test
    void closing_a_running_stream_closes_what_it_holds_and_interrupts_its_reader_only_while_it_reads()
            throws Exception {
        StreamGuard guard = new StreamGuard();
        AtomicBoolean resourceClosed = new AtomicBoolean();
        CountDownLatch holding = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicBoolean interruptLeftAfterEnd = new AtomicBoolean(true);
        Thread reader = new Thread(() -> {
            guard.begin();
            try {
                guard.hold((Closeable) () -> resourceClosed.set(true));
                holding.countDown();
                Thread.sleep(10_000);
            } catch (Exception e) {
                interrupted.set(e instanceof InterruptedException);
            } finally {
                Thread.currentThread().interrupt(); // as if the interrupt came late
                guard.end();
                interruptLeftAfterEnd.set(Thread.currentThread().isInterrupted());
            }
        });
        reader.start();
        assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(guard.close()).isFalse();
        reader.join(5000);

        assertThat(resourceClosed).isTrue();
        assertThat(interrupted).isTrue();
        assertThat(interruptLeftAfterEnd).isFalse();
    }

    @Test
    void what_is_held_after_the_close_is_closed_at_once() throws Exception {
        StreamGuard guard = new StreamGuard();
        guard.begin();
        guard.close();
        AtomicBoolean closed = new AtomicBoolean();

        guard.hold((Closeable) () -> closed.set(true));

        assertThat(closed).isTrue();
    }

    @Test
    void a_pause_ends_early_when_the_stream_is_closed() throws Exception {
        StreamGuard guard = new StreamGuard();
        Thread closer = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            guard.close();
        });
        closer.start();
        long start = System.nanoTime();

        guard.pause(Duration.ofSeconds(30));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(guard.isClosed()).isTrue();
    }
}
