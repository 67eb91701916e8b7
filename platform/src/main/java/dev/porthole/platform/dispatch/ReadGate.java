package dev.porthole.platform.dispatch;

import io.netty.channel.Channel;

/**
 * Whether the server reads one WebSocket's frames from the network: not while its plugin asked for a pause, nor while
 * more than {@link #HIGH} bytes of its frames wait for the plugin (until they are down to {@link #LOW}). Frames the
 * server has not read stay in TCP's buffers, so a client that sends faster than the plugin takes is held back there and
 * costs this server a bounded amount of memory.
 */
final class ReadGate {
    static final long HIGH = 1024 * 1024;
    static final long LOW = 256 * 1024;

    private final Channel channel;
    private boolean pausedByPlugin;
    private boolean full;
    private long waiting;

    ReadGate(Channel channel) {
        this.channel = channel;
    }

    synchronized void queued(long bytes) {
        waiting += bytes;
        if (!full && waiting > HIGH) {
            full = true;
            apply();
        }
    }

    synchronized void handled(long bytes) {
        waiting -= bytes;
        if (full && waiting <= LOW) {
            full = false;
            apply();
        }
    }

    synchronized void pause() {
        pausedByPlugin = true;
        apply();
    }

    synchronized void resume() {
        pausedByPlugin = false;
        apply();
    }

    synchronized boolean reading() {
        return !pausedByPlugin && !full;
    }

    private void apply() {
        // Netty hands the change to the channel's event loop, and asks for a read when it turns reading back on
        channel.config().setAutoRead(reading());
    }
}
