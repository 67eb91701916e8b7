package dev.porthole.plugins.dockerruntime.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.porthole.plugins.containers.spi.LogSink;
import dev.porthole.plugins.containers.spi.RuntimeFailure;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LogLinesTest {
    private static final int STDOUT = 1;
    private static final int STDERR = 2;

    @Test
    void a_line_split_over_frames_is_one_line_and_the_other_stream_keeps_its_own() throws Exception {
        byte[] body = frames(
                frame(STDOUT, "hel"),
                frame(STDERR, "warn"),
                frame(STDOUT, "lo\nnext"),
                frame(STDERR, "ing\n"),
                frame(STDOUT, "\n"));

        Recorded out = read(body, false, false);

        assertThat(out.lines).containsExactly("stdout:hello", "stderr:warning", "stdout:next");
    }

    @Test
    void stdin_frames_count_as_stdout_as_in_the_docker_cli() throws Exception {
        Recorded out = read(frames(frame(0, "typed\n")), false, false);

        assertThat(out.lines).containsExactly("stdout:typed");
    }

    @Test
    void crlf_loses_its_cr_and_a_last_line_without_a_line_end_is_a_line() throws Exception {
        Recorded out = read(frames(frame(STDOUT, "one\r\n\r\nlast")), false, false);

        assertThat(out.lines).containsExactly("stdout:one", "stdout:", "stdout:last");
    }

    @Test
    void a_tty_body_is_raw_output_all_stdout() throws Exception {
        // 1 and 2 would be frame headers if the body were multiplexed
        byte[] raw = "\u0001\u0000a\r\nb\r\n\u0002c".getBytes(StandardCharsets.UTF_8);

        Recorded out = read(raw, true, false);

        assertThat(out.lines).containsExactly("stdout:\u0001\u0000a", "stdout:b", "stdout:\u0002c");
    }

    @Test
    void utf8_split_between_frames_is_decoded_whole() throws Exception {
        byte[] euro = "€\n".getBytes(StandardCharsets.UTF_8);
        byte[] body =
                frames(frame(STDOUT, Arrays.copyOfRange(euro, 0, 1)), frame(STDOUT, Arrays.copyOfRange(euro, 1, 4)));

        assertThat(read(body, false, false).lines).containsExactly("stdout:€");
    }

    @Test
    void a_line_over_1_MiB_is_skipped_with_its_size_and_the_next_lines_come() throws Exception {
        int size = 2 * 1024 * 1024;
        byte[] big = new byte[size];
        Arrays.fill(big, (byte) 'x');
        byte[] body = frames(frame(STDOUT, "before\n"), frame(STDOUT, big), frame(STDOUT, "\nafter\n"));

        Recorded out = read(body, false, false);

        assertThat(out.lines).containsExactly("stdout:before", "stdout:after");
        assertThat(out.skipped).containsExactly("stdout:" + size);
    }

    @Test
    void a_line_of_exactly_1_MiB_is_passed_on() throws Exception {
        byte[] line = new byte[LogLines.MAX_LINE_BYTES];
        Arrays.fill(line, (byte) 'y');

        Recorded out = read(frames(frame(STDOUT, line), frame(STDOUT, "\n")), false, false);

        assertThat(out.lines).hasSize(1);
        assertThat(out.lines.get(0)).hasSize("stdout:".length() + LogLines.MAX_LINE_BYTES);
        assertThat(out.skipped).isEmpty();
    }

    @Test
    void a_long_line_in_16_KiB_messages_is_skipped_as_a_whole() throws Exception {
        // json-file cuts a long line into 16 KiB messages: 96 frames of 1.5 MiB, the line end in the last
        List<byte[]> parts = new ArrayList<>();
        byte[] part = new byte[16 * 1024];
        Arrays.fill(part, (byte) 'z');
        for (int i = 0; i < 96; i++) {
            parts.add(frame(STDOUT, part));
        }
        parts.add(frame(STDOUT, "\n"));
        parts.add(frame(STDERR, "err\n"));
        parts.add(frame(STDOUT, "after\n"));

        Recorded out = read(frames(parts.toArray(byte[][]::new)), false, false);

        assertThat(out.skipped).containsExactly("stdout:" + 96 * 16 * 1024);
        assertThat(out.lines).containsExactly("stderr:err", "stdout:after");
    }

    @Test
    void memory_stays_bounded_whatever_size_a_frame_announces() throws Exception {
        // A frame that announces almost 4 GiB; 64 MiB of it come, made as they are read, then the body ends.
        long sent = 64L * 1024 * 1024;
        byte[] header = {STDOUT, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0};
        Recorded out = new Recorded();
        LogLines lines = new LogLines(out, false);
        AtomicLong mostHeld = new AtomicLong();
        InputStream body = new SequenceInputStream(
                new ByteArrayInputStream(header),
                new Repeating((byte) 'q', sent, () -> mostHeld.accumulateAndGet(lines.heldBytes(), Math::max)));

        lines.read(body, false);

        assertThat(out.skipped).containsExactly("stdout:" + sent);
        assertThat(mostHeld.get()).isLessThanOrEqualTo(LogLines.BUFFER_BYTES + LogLines.MAX_LINE_BYTES + 2 * 1024);
        assertThat(lines.heldBytes()).isLessThanOrEqualTo(LogLines.BUFFER_BYTES + 2 * 1024);
    }

    @Test
    void timestamps_of_the_messages_that_continue_a_line_are_dropped() throws Exception {
        byte[] body = frames(
                frame(STDOUT, "2026-12-07T16:40:06.179166459Z aaa"),
                frame(STDERR, "2026-12-07T16:40:06.179166460Z e\n"),
                frame(STDOUT, "2026-12-07T16:40:06.179166461Z bbb"),
                frame(STDOUT, "2026-12-07T16:40:06.179166462Z \n"),
                frame(STDOUT, "2026-12-07T16:40:06.179166463Z next\n"));

        Recorded out = read(body, false, true);

        assertThat(out.lines)
                .containsExactly(
                        "stderr:2026-12-07T16:40:06.179166460Z e",
                        "stdout:2026-12-07T16:40:06.179166459Z aaabbb",
                        "stdout:2026-12-07T16:40:06.179166463Z next");
    }

    @Test
    void without_timestamps_asked_a_continuation_is_kept_as_it_is() throws Exception {
        Recorded out = read(frames(frame(STDOUT, "a b"), frame(STDOUT, "c d\n")), false, false);

        assertThat(out.lines).containsExactly("stdout:a bc d");
    }

    @Test
    void a_body_cut_within_a_frame_ends_with_what_came() throws Exception {
        byte[] whole = frames(frame(STDOUT, "done\n"), frame(STDOUT, "partial line"));
        byte[] cut = Arrays.copyOf(whole, whole.length - 4);

        assertThat(read(cut, false, false).lines).containsExactly("stdout:done", "stdout:partial ");
    }

    @Test
    void an_error_the_daemon_sends_in_the_stream_fails_with_its_words() {
        byte[] body = frames(frame(STDOUT, "ok\n"), frame(3, "log driver broke\n"));

        assertThatThrownBy(() -> read(body, false, false))
                .isInstanceOfSatisfying(
                        RuntimeFailure.class, f -> assertThat(f.kind()).isEqualTo(RuntimeFailure.Kind.FAILED))
                .hasMessageContaining("log driver broke");
    }

    @Test
    void a_body_that_is_not_multiplexed_is_refused() {
        assertThatThrownBy(() -> read("plain text\n".getBytes(StandardCharsets.UTF_8), false, false))
                .isInstanceOf(RuntimeFailure.class)
                .hasMessageContaining("stream type");
    }

    @Test
    void nothing_more_is_read_while_the_sink_blocks() throws Exception {
        byte[] body = frames(frame(STDOUT, "first\n"), frame(STDOUT, "second\n"));
        CountingStream in = new CountingStream(new ByteArrayInputStream(body));
        CountDownLatch inLine = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> lines = new ArrayList<>();
        LogSink blocking = new LogSink() {
            @Override
            public void line(String stream, String message) throws InterruptedException {
                lines.add(message);
                inLine.countDown();
                release.await();
            }

            @Override
            public void ended(EndReason reason, RuntimeFailure failure) {}
        };
        // a 1-byte-at-a-time body, so "read ahead" would show as bytes taken
        Thread reader = new Thread(() -> {
            try {
                new LogLines(blocking, false).read(new OneByte(in), false);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        reader.start();
        assertThat(inLine.await(5, TimeUnit.SECONDS)).isTrue();
        long takenWhileBlocked = in.count;
        Thread.sleep(100);

        assertThat(in.count).isEqualTo(takenWhileBlocked).isLessThan(body.length);
        release.countDown();
        reader.join(5000);
        assertThat(lines).containsExactly("first", "second");
    }

    private static Recorded read(byte[] body, boolean tty, boolean timestamps) throws Exception {
        Recorded out = new Recorded();
        new LogLines(out, timestamps).read(new ByteArrayInputStream(body), tty);
        return out;
    }

    static byte[] frame(int type, String payload) {
        return frame(type, payload.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] frame(int type, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n = payload.length;
        out.writeBytes(
                new byte[] {(byte) type, 0, 0, 0, (byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        out.writeBytes(payload);
        return out.toByteArray();
    }

    static byte[] frames(byte[]... frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] frame : frames) {
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }

    /** Lines as "stream:text", skips as "stream:bytes". */
    static final class Recorded implements LogSink {
        final List<String> lines = new ArrayList<>();
        final List<String> skipped = new ArrayList<>();

        @Override
        public void line(String stream, String message) {
            lines.add(stream + ":" + message);
        }

        @Override
        public void skipped(String stream, long bytes) {
            skipped.add(stream + ":" + bytes);
        }

        @Override
        public void ended(EndReason reason, RuntimeFailure failure) {}
    }

    /** {@code size} copies of one byte, made as they are read. */
    private static final class Repeating extends InputStream {
        private final byte value;
        private final Runnable onRead;
        private long left;

        Repeating(byte value, long size, Runnable onRead) {
            this.value = value;
            this.left = size;
            this.onRead = onRead;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
        }

        @Override
        public int read(byte[] b, int off, int len) {
            onRead.run();
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            Arrays.fill(b, off, off + n, value);
            left -= n;
            return n;
        }
    }

    private static final class CountingStream extends java.io.FilterInputStream {
        volatile long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    private static final class OneByte extends java.io.FilterInputStream {
        OneByte(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(1, len));
        }
    }
}
