package dev.porthole.platform.ssh;

import dev.porthole.api.ssh.ExecListener;
import dev.porthole.api.ssh.ExecRequest;
import dev.porthole.api.ssh.ExecResult;
import dev.porthole.api.ssh.SshException;
import dev.porthole.platform.config.SshConfiguration;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.EnumSet;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;

/** Runs one command on an exec channel: buffered, or streamed to a listener on the caller's thread. */
final class Exec {
    private final SshConfiguration config;

    Exec(SshConfiguration config) {
        this.config = config;
    }

    ExecResult buffered(ClientSession session, ExecRequest request) throws IOException {
        long start = System.nanoTime();
        int limit = request.outputLimit().orElse(config.execOutputLimit());
        Duration timeout = request.timeout().orElse(config.execTimeout());
        CappedBuffer out = new CappedBuffer(limit);
        CappedBuffer err = new CappedBuffer(limit);
        try (ChannelExec channel = session.createExecChannel(request.command())) {
            channel.setOut(out);
            channel.setErr(err);
            open(channel);
            Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), timeout);
            boolean timedOut = !events.contains(ClientChannelEvent.CLOSED);
            if (timedOut) {
                channel.close(true);
            }
            return new ExecResult(
                    exitStatus(channel, timedOut),
                    out.text(),
                    err.text(),
                    out.truncated() || err.truncated(),
                    timedOut,
                    Duration.ofNanos(System.nanoTime() - start));
        }
    }

    ExecResult streamed(ClientSession session, ExecRequest request, ExecListener listener) throws IOException {
        long start = System.nanoTime();
        long limit = request.outputLimit().orElse(config.execOutputLimit());
        long deadline = start + request.timeout().orElse(config.execTimeout()).toNanos();
        BlockingQueue<Chunk> chunks = new LinkedBlockingQueue<>();
        ChunkSink out = new ChunkSink(chunks, false, limit);
        ChunkSink err = new ChunkSink(chunks, true, limit);
        try (ChannelExec channel = session.createExecChannel(request.command())) {
            channel.setOut(out);
            channel.setErr(err);
            channel.addCloseFutureListener(f -> chunks.add(Chunk.END));
            open(channel);
            boolean timedOut = false;
            while (true) {
                long left = deadline - System.nanoTime();
                Chunk chunk = left <= 0 ? null : chunks.poll(left, TimeUnit.NANOSECONDS);
                if (chunk == null) {
                    timedOut = true;
                    channel.close(true);
                    break;
                }
                if (chunk == Chunk.END) {
                    break;
                }
                if (chunk.stderr()) {
                    listener.stderr(chunk.bytes());
                } else {
                    listener.stdout(chunk.bytes());
                }
            }
            // what arrived before the close is still the caller's
            for (Chunk chunk; (chunk = chunks.poll()) != null; ) {
                if (chunk != Chunk.END) {
                    if (chunk.stderr()) {
                        listener.stderr(chunk.bytes());
                    } else {
                        listener.stdout(chunk.bytes());
                    }
                }
            }
            return new ExecResult(
                    exitStatus(channel, timedOut),
                    "",
                    "",
                    out.truncated || err.truncated,
                    timedOut,
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SshException(SshException.Code.CHANNEL_FAILED, "interrupted while the command ran");
        }
    }

    private void open(ChannelExec channel) throws IOException {
        channel.open().verify(config.connectTimeout());
    }

    /**
     * Empty when the command timed out or a signal ended it. A channel that closed with neither status nor signal was
     * cut off with its connection: that is an error, never an empty success. It is not retried, since the command may
     * have run.
     */
    private static OptionalInt exitStatus(ChannelExec channel, boolean timedOut) {
        Integer status = channel.getExitStatus();
        if (timedOut || (status == null && channel.getExitSignal() != null)) {
            return OptionalInt.empty();
        }
        if (status == null) {
            throw new SshException(
                    SshException.Code.CHANNEL_FAILED,
                    "the command's channel closed without an exit status: the connection to the host broke");
        }
        return OptionalInt.of(status);
    }

    private record Chunk(byte[] bytes, boolean stderr) {
        static final Chunk END = new Chunk(new byte[0], false);
    }

    /** Hands output to the caller's thread through the queue; the SSH thread never runs plugin code. */
    private static final class ChunkSink extends OutputStream {
        private final BlockingQueue<Chunk> chunks;
        private final boolean stderr;
        private long room;
        private volatile boolean truncated;

        ChunkSink(BlockingQueue<Chunk> chunks, boolean stderr, long limit) {
            this.chunks = chunks;
            this.stderr = stderr;
            this.room = limit;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            int take = (int) Math.min(len, room);
            if (take < len) {
                truncated = true;
            }
            if (take > 0) {
                byte[] copy = new byte[take];
                System.arraycopy(b, off, copy, 0, take);
                room -= take;
                chunks.add(new Chunk(copy, stderr));
            }
        }
    }
}
