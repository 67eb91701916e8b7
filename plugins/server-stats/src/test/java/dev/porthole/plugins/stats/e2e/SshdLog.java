package dev.porthole.plugins.stats.e2e;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The test environment's sshd log ({@code -E} file, LogLevel VERBOSE, lines ending in CRLF), read from a mark: what
 * sshd wrote while a test ran.
 */
final class SshdLog {
    /** What sshd writes when a client misbehaves, and what fail2ban and sshguard count. */
    static final Pattern COUNTED = Pattern.compile(
            "kex_exchange_identification|\\[preauth\\]|Connection reset|Disconnected from|Received disconnect"
                    + "|banner exchange|Bad protocol|invalid format|Did not receive identification"
                    + "|Unable to negotiate|^(error|fatal):");

    private final Path file;
    private final long mark;

    private SshdLog(Path file, long mark) {
        this.file = file;
        this.mark = mark;
    }

    static SshdLog mark(Path file) {
        return new SshdLog(file, file.toFile().length());
    }

    List<String> newLines() throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            byte[] bytes = new byte[(int) (raf.length() - mark)];
            raf.seek(mark);
            raf.readFully(bytes);
            return Arrays.stream(new String(bytes, StandardCharsets.UTF_8).split("\n"))
                    .map(line -> line.endsWith("\r") ? line.substring(0, line.length() - 1) : line)
                    .filter(line -> !line.isEmpty())
                    .toList();
        }
    }

    long count(Pattern pattern) throws IOException {
        return newLines().stream().filter(line -> pattern.matcher(line).find()).count();
    }
}
