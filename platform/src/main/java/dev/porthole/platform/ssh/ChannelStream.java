package dev.porthole.platform.ssh;

import dev.porthole.api.ssh.SshStream;
import dev.porthole.api.ssh.SshStreamExit;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.sshd.client.channel.ChannelExec;

/** An exec channel's stdin and stdout as a plugin's stream; it gives its lease back when the channel closes. */
final class ChannelStream implements SshStream {
    /**
     * How often a wait for the end looks for an exit status: a server sends it when the command exits, but closes the
     * channel only once the command's stdout is drained, which nobody may be reading any more.
     */
    private static final long STATUS_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    /** How long a wait that saw the status still waits for the close, which comes after the last output. */
    private static final long STDERR_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final ChannelExec channel;
    private final TailBuffer stderr;
    // MINA's own waitFor ignores interrupts; a future lets a waiting plugin thread be interrupted.
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    ChannelStream(ChannelExec channel, TailBuffer stderr, ConnectionPool.Lease lease) {
        this.channel = channel;
        this.stderr = stderr;
        channel.addCloseFutureListener(f -> {
            lease.close();
            closed.complete(null);
        });
    }

    @Override
    public InputStream input() {
        return channel.getInvertedOut();
    }

    @Override
    public OutputStream output() {
        return channel.getInvertedIn();
    }

    @Override
    public String errorOutput() {
        return stderr.text();
    }

    @Override
    public OptionalInt exitStatus() {
        Integer status = channel.getExitStatus();
        return status == null ? OptionalInt.empty() : OptionalInt.of(status);
    }

    @Override
    public Optional<SshStreamExit> awaitExit(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!closed.isDone() && channel.getExitStatus() == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                waitForClose(Math.min(left, STATUS_POLL_NANOS));
            }
            // The status can overtake the command's last stderr bytes; the close follows them.
            waitForClose(Math.max(0, Math.min(deadline - System.nanoTime(), STDERR_GRACE_NANOS)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        return Optional.of(new SshStreamExit(exitStatus(), stderr.text()));
    }

    private void waitForClose(long nanos) throws InterruptedException {
        if (closed.isDone()) {
            return;
        }
        try {
            closed.get(nanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException stillOpen) {
            // looked again by the caller's loop
        } catch (ExecutionException impossible) {
            throw new IllegalStateException("the close future is only ever completed normally", impossible);
        }
    }

    @Override
    public void close() {
        channel.close(false);
    }
}
