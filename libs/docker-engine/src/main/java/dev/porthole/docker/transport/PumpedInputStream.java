package dev.porthole.docker.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An input stream whose reads honour a timeout, over a source whose reads do not (a process pipe, an SSH channel).
 * HttpClient needs real socket timeouts: for its read timeout, and for its stale-connection check, which reads with a
 * 1 ms timeout and takes a timeout to mean "still open". A pump thread copies the source into a bounded buffer; reads
 * wait on the buffer. The thread ends at the source's end or failure, or when the stream's owner closes the source.
 */
final class PumpedInputStream extends InputStream {
    private final InputStream source;
    private final byte[] buffer;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition readable = lock.newCondition();
    private final Condition writable = lock.newCondition();

    private int head;
    private int count;
    private boolean eof;
    private boolean closed;
    private IOException failure;
    private volatile int timeoutMillis;

    PumpedInputStream(InputStream source, int capacity) {
        this.source = source;
        this.buffer = new byte[capacity];
    }

    /** Starts the pump on a daemon thread of its own (one per stream, ended with the stream). */
    void start(String threadName) {
        Thread pump = new Thread(this::pump, threadName);
        pump.setDaemon(true);
        pump.start();
    }

    /** 0 waits forever, as for {@link java.net.Socket#setSoTimeout}. */
    void timeoutMillis(int millis) {
        this.timeoutMillis = millis;
    }

    int timeoutMillis() {
        return timeoutMillis;
    }

    private void pump() {
        byte[] chunk = new byte[Math.min(buffer.length, 8192)];
        try {
            while (true) {
                int n = source.read(chunk);
                if (n < 0) {
                    finish(null);
                    return;
                }
                if (!offer(chunk, n)) {
                    return;
                }
            }
        } catch (IOException e) {
            finish(e);
        }
    }

    private boolean offer(byte[] chunk, int n) {
        lock.lock();
        try {
            int written = 0;
            while (written < n) {
                while (count == buffer.length && !closed) {
                    writable.awaitUninterruptibly();
                }
                if (closed) {
                    return false;
                }
                int tail = (head + count) % buffer.length;
                int run = Math.min(n - written, Math.min(buffer.length - count, buffer.length - tail));
                System.arraycopy(chunk, written, buffer, tail, run);
                count += run;
                written += run;
                readable.signalAll();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void finish(IOException error) {
        lock.lock();
        try {
            eof = true;
            failure = error;
            readable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        lock.lock();
        try {
            long timeout = timeoutMillis;
            long remaining = TimeUnit.MILLISECONDS.toNanos(timeout);
            while (count == 0 && !eof && !closed) {
                if (timeout == 0) {
                    readable.await();
                } else if (remaining <= 0) {
                    throw new SocketTimeoutException("no data from docker system dial-stdio within " + timeout + " ms");
                } else {
                    remaining = readable.awaitNanos(remaining);
                }
            }
            if (closed) {
                throw new IOException("stream closed");
            }
            if (count == 0) {
                if (failure != null) {
                    throw new IOException("reading from docker system dial-stdio failed", failure);
                }
                return -1;
            }
            int n = Math.min(len, Math.min(count, buffer.length - head));
            System.arraycopy(buffer, head, b, off, n);
            head = (head + n) % buffer.length;
            count -= n;
            writable.signalAll();
            return n;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reading from docker system dial-stdio");
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int available() {
        lock.lock();
        try {
            return count;
        } finally {
            lock.unlock();
        }
    }

    /** Stops handing out data and lets the pump go; the source itself is closed by the stream's owner. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            readable.signalAll();
            writable.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
