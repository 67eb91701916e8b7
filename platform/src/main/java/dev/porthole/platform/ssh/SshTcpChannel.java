package dev.porthole.platform.ssh;

import dev.porthole.api.ssh.TcpChannel;
import dev.porthole.api.ssh.TcpReceiver;
import java.io.EOFException;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.sshd.client.channel.ChannelDirectTcpip;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelListener;
import org.apache.sshd.common.io.IoInputStream;
import org.apache.sshd.common.io.IoOutputStream;
import org.apache.sshd.common.io.IoReadFuture;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * A TCP channel driven asynchronously: a direct-tcpip channel we opened, or a forwarded-tcpip channel the server
 * opened for a plugin's listen. One read is pending at a time, and the next is asked for only when the receiver's stage
 * for the last completes. MINA gives the server window back as bytes are read, so a receiver that holds back holds the
 * other end back, with at most one window buffered.
 */
final class SshTcpChannel implements TcpChannel {
    private static final int READ_SIZE = 32 * 1024;

    private final Channel channel;
    private final IoInputStream fromServer;
    private final IoOutputStream toServer;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicBoolean writing = new AtomicBoolean();
    private volatile TcpReceiver receiver;

    SshTcpChannel(Channel channel, IoInputStream fromServer, IoOutputStream toServer) {
        this.channel = channel;
        this.fromServer = fromServer;
        this.toServer = toServer;
    }

    /** Starts reading from an opened direct-tcpip channel; {@code lease} is given back when it closes. */
    static SshTcpChannel start(ChannelDirectTcpip channel, ConnectionPool.Lease lease, TcpReceiver receiver) {
        SshTcpChannel tcp = new SshTcpChannel(channel, channel.getAsyncOut(), channel.getAsyncIn());
        channel.addCloseFutureListener(f -> lease.close());
        channel.addChannelListener(new ChannelListener() {
            @Override
            public void channelStateChanged(Channel changed, String hint) {
                // MINA's asynchronous stream is not told of the server's EOF; closed gracefully, it hands out what
                // it holds and then ends the read
                if (changed.isEofSignalled()) {
                    changed.removeChannelListener(this);
                    channel.getAsyncOut().close(false);
                }
            }
        });
        tcp.receiveWith(receiver);
        return tcp;
    }

    /** Hands what the server sends to {@code receiver}, from now on; called once. */
    void receiveWith(TcpReceiver taking) {
        receiver = taking;
        readNext();
    }

    private void readNext() {
        ByteArrayBuffer buffer = new ByteArrayBuffer(READ_SIZE, false);
        IoReadFuture reading;
        try {
            reading = fromServer.read(buffer);
        } catch (RuntimeException e) {
            end(Optional.of(String.valueOf(e.getMessage())));
            return;
        }
        reading.addListener(this::read);
    }

    private void read(IoReadFuture done) {
        Throwable failure = done.getException();
        if (failure != null) {
            end(failure instanceof EOFException ? Optional.empty() : Optional.of(String.valueOf(failure.getMessage())));
            return;
        }
        int count = done.getRead();
        if (count < 0) {
            end(Optional.empty());
            return;
        }
        byte[] data = done.getBuffer().getCompactData();
        CompletionStage<?> ready;
        try {
            ready = receiver.received(data);
        } catch (RuntimeException e) {
            end(Optional.of("the receiver failed: " + e));
            return;
        }
        ready.whenComplete((v, e) -> {
            if (e != null) {
                end(Optional.of("the receiver failed: " + e));
            } else {
                readNext();
            }
        });
    }

    private void end(Optional<String> error) {
        if (ended.compareAndSet(false, true)) {
            close();
            receiver.closed(error);
        }
    }

    @Override
    public CompletionStage<Void> write(byte[] data) {
        if (!writing.compareAndSet(false, true)) {
            throw new IllegalStateException("the previous write is still under way");
        }
        CompletableFuture<Void> written = new CompletableFuture<>();
        try {
            toServer.writeBuffer(new ByteArrayBuffer(data)).addListener(f -> {
                writing.set(false);
                if (f.isWritten()) {
                    written.complete(null);
                } else {
                    written.completeExceptionally(
                            f.getException() != null ? f.getException() : new IOException("the channel closed"));
                }
            });
        } catch (IOException | RuntimeException e) {
            writing.set(false);
            written.completeExceptionally(e);
        }
        return written;
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen() && !channel.isClosing();
    }

    @Override
    public void close() {
        channel.close(false);
    }
}
