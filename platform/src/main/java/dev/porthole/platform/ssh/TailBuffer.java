package dev.porthole.platform.ssh;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Keeps the last {@code size} bytes written: a stream's stderr, read for diagnostics, never blocking the channel. */
final class TailBuffer extends OutputStream {
    private final byte[] ring;
    private long written;

    TailBuffer(int size) {
        this.ring = new byte[size];
    }

    @Override
    public synchronized void write(int b) {
        ring[(int) (written++ % ring.length)] = (byte) b;
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        for (int i = 0; i < len; i++) {
            write(b[off + i]);
        }
    }

    synchronized String text() {
        int size = (int) Math.min(written, ring.length);
        byte[] out = new byte[size];
        for (int i = 0; i < size; i++) {
            out[i] = ring[(int) ((written - size + i) % ring.length)];
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
