package dev.porthole.platform.ssh;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Keeps the first {@code limit} bytes written and notes whether more came; an exec's output never grows unbounded. */
final class CappedBuffer extends OutputStream {
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final int limit;
    private boolean truncated;

    CappedBuffer(int limit) {
        this.limit = limit;
    }

    @Override
    public synchronized void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        int room = limit - kept.size();
        if (len > room) {
            truncated = true;
        }
        kept.write(b, off, Math.max(0, Math.min(len, room)));
    }

    synchronized boolean truncated() {
        return truncated;
    }

    synchronized String text() {
        return kept.toString(StandardCharsets.UTF_8);
    }
}
