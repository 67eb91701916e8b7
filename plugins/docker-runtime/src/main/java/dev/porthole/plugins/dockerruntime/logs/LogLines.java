package dev.porthole.plugins.dockerruntime.logs;

import dev.porthole.plugins.containers.spi.LogSink;
import dev.porthole.plugins.containers.spi.RuntimeFailure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Cuts the body of the Engine API's {@code GET /containers/{id}/logs} into lines for a {@link LogSink}.
 *
 * <p>A container without a TTY gets a multiplexed body: frames of an 8-byte header (stream type: 0 stdin and 1 stdout,
 * both passed on as {@code stdout}, 2 stderr, 3 an error of the daemon; 3 bytes zero; the payload's length, big-endian)
 * and the payload. A frame is one log message, not one line: the json-file driver cuts a line into 16 KiB messages,
 * so a line is put together across the frames of its stream, while the other stream's frames come between. With a TTY
 * the body is the terminal's raw output, all {@code stdout}.
 *
 * <p>Lines end at {@code \n}; a {@code \r} before it goes too (a TTY writes {@code \r\n}). Memory is bounded whatever
 * the daemon sends: one 32 KiB read buffer and, per stream, the line being put together, never more than {@link
 * #MAX_LINE_BYTES}; a longer line is read past, counted and reported as {@link LogSink#skipped}. The bound is on
 * lines, not frames: the lines in a frame over 1 MiB are passed on, a frame that is part of a longer line is skipped
 * with it. Reading stops while {@link LogSink#line} blocks, so a slow sink holds back the daemon, not memory.
 */
public final class LogLines {
    /** The read buffer: the spec's 32 KB. */
    public static final int BUFFER_BYTES = 32 * 1024;
    /** The longest line passed on, without its line end: the spec's 1 MB. */
    public static final int MAX_LINE_BYTES = 1024 * 1024;

    private static final int HEADER_BYTES = 8;
    private static final int STDERR = 2;
    private static final int SYSTEM_ERROR = 3;
    /** An RFC 3339 timestamp with nanoseconds and a zone offset, and its space, fit in this. */
    private static final int STAMP_MAX_BYTES = 40;
    /** The most of a daemon's in-band error message kept for the failure. */
    private static final int ERROR_MAX_BYTES = 4096;

    private final LogSink sink;
    private final boolean timestamps;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private final LineBuffer stdout;
    private final LineBuffer stderr;

    /**
     * @param sink receives the lines
     * @param timestamps whether the request asked the daemon for timestamps, which it then writes at the start of
     *     every message: those of the messages that continue a line are dropped, so a line has one, at its start
     */
    public LogLines(LogSink sink, boolean timestamps) {
        this(sink, timestamps, MAX_LINE_BYTES);
    }

    LogLines(LogSink sink, boolean timestamps, int maxLineBytes) {
        this.sink = sink;
        this.timestamps = timestamps;
        this.stdout = new LineBuffer("stdout", maxLineBytes);
        this.stderr = new LineBuffer("stderr", maxLineBytes);
    }

    /**
     * Reads {@code body} to its end, then passes on the last lines without a line end. A body cut short within a frame
     * ends there, as the Docker CLI's demultiplexer ends it.
     *
     * @param body the response body
     * @param tty whether the container has a TTY (its {@code Config.Tty}): then the body is raw, not multiplexed
     * @throws RuntimeFailure {@code FAILED} when the daemon reports an error in the stream, or the body is not in
     *     Docker's multiplexed format
     */
    public void read(InputStream body, boolean tty) throws IOException, InterruptedException {
        if (tty) {
            readRaw(body);
        } else {
            readFrames(body);
        }
        stdout.finish(sink);
        stderr.finish(sink);
    }

    /** {@return the bytes held for this stream now} */
    int heldBytes() {
        return buffer.length + stdout.heldBytes() + stderr.heldBytes();
    }

    private void readRaw(InputStream body) throws IOException, InterruptedException {
        int n;
        while ((n = body.read(buffer)) >= 0) {
            stdout.feed(buffer, 0, n, sink);
        }
    }

    private void readFrames(InputStream body) throws IOException, InterruptedException {
        byte[] header = new byte[HEADER_BYTES];
        while (body.readNBytes(header, 0, HEADER_BYTES) == HEADER_BYTES) {
            int type = header[0];
            long size = ((header[4] & 0xffL) << 24)
                    | ((header[5] & 0xffL) << 16)
                    | ((header[6] & 0xffL) << 8)
                    | (header[7] & 0xffL);
            if (type == SYSTEM_ERROR) {
                throw daemonError(body, size);
            }
            if (type < 0 || type > STDERR) {
                throw new RuntimeFailure(
                        RuntimeFailure.Kind.FAILED,
                        "the Docker daemon's log stream is not multiplexed as expected (stream type " + type + ")");
            }
            if (!copyFrame(body, size, type == STDERR ? stderr : stdout)) {
                return;
            }
        }
    }

    /** @return whether the whole payload came */
    private boolean copyFrame(InputStream body, long size, LineBuffer line) throws IOException, InterruptedException {
        long left = size;
        if (timestamps && line.midLine() && left > 0) {
            int want = (int) Math.min(STAMP_MAX_BYTES, left);
            int head = body.readNBytes(buffer, 0, want);
            left -= head;
            int from = stampEnd(head);
            line.feed(buffer, from, head - from, sink);
            if (head < want) {
                return false;
            }
        }
        while (left > 0) {
            int n = body.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                return false;
            }
            left -= n;
            line.feed(buffer, 0, n, sink);
        }
        return true;
    }

    /** Where the message starts after the daemon's timestamp and its space; 0 when the head has no space. */
    private int stampEnd(int head) {
        for (int i = 0; i < head; i++) {
            if (buffer[i] == ' ') {
                return i + 1;
            }
        }
        return 0;
    }

    private RuntimeFailure daemonError(InputStream body, long size) throws IOException {
        byte[] message = body.readNBytes((int) Math.min(size, ERROR_MAX_BYTES));
        return new RuntimeFailure(
                RuntimeFailure.Kind.FAILED,
                "error from the Docker daemon in the log stream: "
                        + new String(message, StandardCharsets.UTF_8).strip());
    }
}
