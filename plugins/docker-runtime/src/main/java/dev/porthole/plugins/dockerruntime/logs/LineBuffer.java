package dev.porthole.plugins.dockerruntime.logs;

import dev.porthole.plugins.containers.spi.LogSink;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One stream's line being put together, across reads and frames. A line is held only up to the longest one passed on;
 * past that its bytes are counted, not kept, until its end, and it is reported as skipped. The array grows with the
 * line and is given up after a long one, so a stream that once carried a 1 MiB line does not hold 1 MiB while idle.
 */
final class LineBuffer {
    private static final int INITIAL_BYTES = 1024;
    /** Above this a line's array is dropped once the line is out: the read buffer's size, LogLines.BUFFER_BYTES. */
    private static final int KEPT_BYTES = 32 * 1024;

    private final String stream;
    private final int maxLineBytes;
    private byte[] bytes = new byte[INITIAL_BYTES];
    private int length;
    /** The size so far of a line too long to pass on, or -1 while the line is kept. */
    private long skipping = -1;

    LineBuffer(String stream, int maxLineBytes) {
        this.stream = stream;
        this.maxLineBytes = maxLineBytes;
    }

    /** Adds {@code len} bytes of the stream; each line they complete goes to {@code sink}, in order. */
    void feed(byte[] data, int off, int len, LogSink sink) throws InterruptedException {
        int end = off + len;
        int start = off;
        for (int i = off; i < end; i++) {
            if (data[i] == '\n') {
                append(data, start, i - start);
                emit(sink);
                start = i + 1;
            }
        }
        append(data, start, end - start);
    }

    /** The stream ended: a last line without a line end is a line all the same. */
    void finish(LogSink sink) throws InterruptedException {
        if (midLine()) {
            emit(sink);
        }
    }

    /** {@return whether part of a line is waiting for its end} */
    boolean midLine() {
        return length > 0 || skipping >= 0;
    }

    /** {@return the bytes this buffer holds now, for the bound on a stream's memory} */
    int heldBytes() {
        return bytes.length;
    }

    private void append(byte[] data, int off, int len) {
        if (skipping >= 0) {
            skipping += len;
            return;
        }
        if ((long) length + len > maxLineBytes) {
            skipping = (long) length + len;
            length = 0;
            bytes = new byte[INITIAL_BYTES];
            return;
        }
        if (length + len > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.min(maxLineBytes, Math.max(length + len, bytes.length * 2)));
        }
        System.arraycopy(data, off, bytes, length, len);
        length += len;
    }

    private void emit(LogSink sink) throws InterruptedException {
        if (skipping >= 0) {
            long size = skipping;
            skipping = -1;
            sink.skipped(stream, size);
            return;
        }
        int end = length > 0 && bytes[length - 1] == '\r' ? length - 1 : length;
        String line = new String(bytes, 0, end, StandardCharsets.UTF_8);
        length = 0;
        if (bytes.length > KEPT_BYTES) {
            bytes = new byte[INITIAL_BYTES];
        }
        sink.line(stream, line);
    }
}
