package dev.porthole.plugins.dockerssh.docker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a log body from the Engine API into at most {@code maxBytes} of text. A container without a TTY gets a
 * multiplexed body: frames of an 8-byte header (stream: 1 stdout, 2 stderr; 3 bytes zero; big-endian payload length)
 * and the payload, in the order the container wrote them. With a TTY the body is the raw terminal output. Frames are
 * read in bounded pieces, so a frame header announcing gigabytes cannot make us allocate them.
 */
final class LogCollector {
    private static final int HEADER = 8;

    private final int maxBytes;

    LogCollector(int maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive, not " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    LogsResult collect(InputStream body, boolean tty) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean truncated = tty ? copyRaw(body, out) : copyFrames(body, out);
        return new LogsResult(true, out.toString(StandardCharsets.UTF_8), truncated);
    }

    /** @return whether the cap was reached before the end */
    private boolean copyRaw(InputStream body, ByteArrayOutputStream out) throws IOException {
        return copy(body, out, Long.MAX_VALUE);
    }

    private boolean copyFrames(InputStream body, ByteArrayOutputStream out) throws IOException {
        byte[] header = new byte[HEADER];
        while (body.readNBytes(header, 0, HEADER) == HEADER) {
            long length = ((header[4] & 0xffL) << 24)
                    | ((header[5] & 0xffL) << 16)
                    | ((header[6] & 0xffL) << 8)
                    | (header[7] & 0xffL);
            if (copy(body, out, length)) {
                return true;
            }
        }
        return false;
    }

    /** Copies up to {@code length} bytes, stopping at the cap; @return whether the cap cut the copy short. */
    private boolean copy(InputStream body, ByteArrayOutputStream out, long length) throws IOException {
        byte[] buffer = new byte[8192];
        long left = length;
        while (left > 0) {
            int room = maxBytes - out.size();
            if (room == 0) {
                // Within a frame, bytes are certainly left; for a raw body, only one more byte tells.
                return length != Long.MAX_VALUE || body.read() >= 0;
            }
            int n = body.read(buffer, 0, (int) Math.min(buffer.length, Math.min(left, room)));
            if (n < 0) {
                return false;
            }
            out.write(buffer, 0, n);
            left -= n;
        }
        return false;
    }
}
