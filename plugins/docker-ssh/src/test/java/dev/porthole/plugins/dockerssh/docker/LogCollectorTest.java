package dev.porthole.plugins.dockerssh.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LogCollectorTest {
    private static byte[] frame(int stream, String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(stream);
        out.writeBytes(new byte[] {0, 0, 0});
        int n = payload.length;
        out.writeBytes(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static ByteArrayInputStream frames(byte[]... frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] f : frames) {
            out.writeBytes(f);
        }
        return new ByteArrayInputStream(out.toByteArray());
    }

    @Test
    void joinsStdoutAndStderrFramesInOrder() throws IOException {
        LogsResult result = new LogCollector(1024)
                .collect(frames(frame(1, "out 1\n"), frame(2, "err 1\n"), frame(1, "out 2\n")), false);
        assertThat(result.logs()).isEqualTo("out 1\nerr 1\nout 2\n");
        assertThat(result.truncated()).isFalse();
        assertThat(result.success()).isTrue();
    }

    @Test
    void cutsAtTheCapInsideAFrameAndSaysSo() throws IOException {
        LogsResult result = new LogCollector(8).collect(frames(frame(1, "12345\n"), frame(2, "abcdef\n")), false);
        assertThat(result.logs()).isEqualTo("12345\nab");
        assertThat(result.truncated()).isTrue();
    }

    @Test
    void aLogOfExactlyTheCapIsNotTruncated() throws IOException {
        assertThat(new LogCollector(6)
                        .collect(frames(frame(1, "12345\n")), false)
                        .truncated())
                .isFalse();
        assertThat(new LogCollector(6)
                        .collect(new ByteArrayInputStream("12345\n".getBytes(StandardCharsets.UTF_8)), true)
                        .truncated())
                .isFalse();
    }

    @Test
    void aTtyBodyIsTakenRawEvenWhenItLooksLikeAFrameHeader() throws IOException {
        byte[] raw = {1, 0, 0, 0, 0, 0, 0, 3, 'a', 'b', 'c', '\n'};
        LogsResult result = new LogCollector(1024).collect(new ByteArrayInputStream(raw), true);
        assertThat(result.logs().getBytes(StandardCharsets.UTF_8)).isEqualTo(raw);
        LogsResult capped = new LogCollector(4).collect(new ByteArrayInputStream(raw), true);
        assertThat(capped.truncated()).isTrue();
    }

    @Test
    void aHeaderAnnouncingGigabytesReadsOnlyUpToTheCap() throws IOException {
        byte[] huge = {1, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 'x', 'y', 'z'};
        LogsResult result = new LogCollector(2).collect(new ByteArrayInputStream(huge), false);
        assertThat(result.logs()).isEqualTo("xy");
        assertThat(result.truncated()).isTrue();
    }
}
