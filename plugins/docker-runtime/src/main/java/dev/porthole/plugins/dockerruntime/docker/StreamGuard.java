package dev.porthole.plugins.dockerruntime.docker;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;

/**
 * The reading side of one stream that runs on the plugin's executor, and the close that ends it from any thread.
 * Closing closes the response being read, which ends a read blocked on it, and interrupts the reader, which ends a wait
 * in the sink ({@link dev.porthole.plugins.containers.spi.LogSink#line} may block). The interrupt reaches the reader
 * only while it runs this stream's task, so no other task of the executor ever sees it.
 */
final class StreamGuard {
    private final Object lock = new Object();
    private boolean begun;
    private boolean closed;
    private Thread reader;
    private Closeable held;

    /**
     * Called by the reader task before anything else.
     *
     * @return false when the stream was closed before the task ran; it must then do nothing
     */
    boolean begin() {
        synchronized (lock) {
            if (closed) {
                return false;
            }
            begun = true;
            reader = Thread.currentThread();
            return true;
        }
    }

    /** Called by the reader task last: no close interrupts its thread any more, and no interrupt is left on it. */
    void end() {
        synchronized (lock) {
            reader = null;
            Thread.interrupted();
        }
    }

    /** Keeps {@code resource} to be closed by {@link #close}; closes it at once when the stream is closed already. */
    <T extends Closeable> T hold(T resource) throws IOException {
        synchronized (lock) {
            if (!closed) {
                held = resource;
                return resource;
            }
        }
        resource.close();
        return resource;
    }

    boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    /** Waits {@code delay}, or less when the stream is closed meanwhile. */
    void pause(Duration delay) {
        long deadline = System.nanoTime() + delay.toNanos();
        synchronized (lock) {
            long left;
            while (!closed && (left = deadline - System.nanoTime()) > 0) {
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    // Only close() interrupts the reader, and it has set closed.
                    return;
                }
            }
        }
    }

    /**
     * Closes the stream, once; later calls do nothing.
     *
     * @return whether the reader task had not begun, so that the caller must end the stream itself
     */
    boolean close() {
        Closeable resource;
        boolean notBegun;
        synchronized (lock) {
            if (closed) {
                return false;
            }
            closed = true;
            notBegun = !begun;
            resource = held;
            held = null;
            if (reader != null) {
                reader.interrupt();
            }
            lock.notifyAll();
        }
        if (resource != null) {
            try {
                resource.close();
            } catch (IOException e) {
                // Closing aborts the exchange; its own failure changes nothing.
            }
        }
        return notBegun;
    }
}
