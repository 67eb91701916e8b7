package dev.porthole.plugins.tunnels.relay;

import dev.porthole.api.http.WebSocketSession;

/**
 * The client's bytes that wait for their SSH channels, over all the channels of one relay WebSocket. While more than
 * {@link #PAUSE_AT} wait, the WebSocket is not read, until at most {@link #RESUME_AT} do: a slow channel holds the
 * client back instead of filling memory.
 */
final class ClientBacklog {
    static final long PAUSE_AT = 512 * 1024;
    static final long RESUME_AT = 128 * 1024;

    private final WebSocketSession session;
    private long waiting;
    private boolean paused;

    ClientBacklog(WebSocketSession session) {
        this.session = session;
    }

    synchronized void added(int bytes) {
        waiting += bytes;
        if (!paused && waiting > PAUSE_AT) {
            paused = true;
            session.pauseReading();
        }
    }

    synchronized void gone(int bytes) {
        waiting -= bytes;
        if (paused && waiting <= RESUME_AT) {
            paused = false;
            session.resumeReading();
        }
    }
}
