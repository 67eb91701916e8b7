package dev.porthole.plugins.tunnels.relay;

import dev.porthole.api.ssh.TcpChannel;
import java.util.ArrayDeque;

/**
 * The client's bytes for one SSH channel, written in order, one write at a time, counted in the relay's backlog until
 * the channel has taken them. Bytes may come before the channel is attached; they wait for it.
 */
final class ChannelWriter {
    private final ClientBacklog backlog;
    private final ArrayDeque<byte[]> queued = new ArrayDeque<>();
    private TcpChannel channel;
    private boolean writing;
    private boolean closeWhenWritten;

    ChannelWriter(ClientBacklog backlog) {
        this.backlog = backlog;
    }

    synchronized void attach(TcpChannel opened) {
        channel = opened;
        pump();
    }

    synchronized void write(byte[] data) {
        if (closeWhenWritten) {
            return; // the client closed its side; nothing more belongs to this channel
        }
        queued.add(data);
        backlog.added(data.length);
        pump();
    }

    /** The client has closed its side: what it sent is written, then the channel is closed. */
    synchronized void closeWhenWritten() {
        closeWhenWritten = true;
        pump();
    }

    /** Drops what is queued and closes the channel. */
    synchronized void close() {
        drop();
        if (channel != null) {
            channel.close();
        }
    }

    private void pump() {
        if (writing || channel == null) {
            return;
        }
        if (queued.isEmpty()) {
            if (closeWhenWritten) {
                channel.close();
            }
            return;
        }
        byte[] next = queued.poll();
        writing = true;
        channel.write(next).whenComplete((v, failed) -> written(next.length, failed));
    }

    private synchronized void written(int bytes, Throwable failed) {
        writing = false;
        backlog.gone(bytes);
        if (failed != null) {
            drop(); // the channel closed; its receiver tells the client
            return;
        }
        pump();
    }

    private void drop() {
        int bytes = 0;
        for (byte[] data : queued) {
            bytes += data.length;
        }
        queued.clear();
        backlog.gone(bytes);
    }
}
