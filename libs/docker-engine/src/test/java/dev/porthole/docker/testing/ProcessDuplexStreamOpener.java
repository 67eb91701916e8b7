package dev.porthole.docker.testing;

import dev.porthole.docker.transport.DuplexStream;
import dev.porthole.docker.transport.DuplexStreamOpener;
import dev.porthole.docker.transport.StreamExit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs the command locally, as the SSH service runs it remotely; counts the streams it opened. */
public final class ProcessDuplexStreamOpener implements DuplexStreamOpener {
    public static final List<String> DIAL_STDIO = List.of("docker", "system", "dial-stdio");
    private static final int STDERR_LIMIT = 8192;

    private final List<String> command;
    private final AtomicInteger opened = new AtomicInteger();

    public ProcessDuplexStreamOpener(List<String> command) {
        this.command = List.copyOf(command);
    }

    public static ProcessDuplexStreamOpener dialStdio() {
        return new ProcessDuplexStreamOpener(DIAL_STDIO);
    }

    public int opened() {
        return opened.get();
    }

    @Override
    public DuplexStream open() throws IOException {
        Process process = new ProcessBuilder(command).start();
        opened.incrementAndGet();
        return new ProcessStream(process);
    }

    /** A process's pipes; stderr is collected on a thread of its own so a chatty command never blocks on it. */
    public static final class ProcessStream implements DuplexStream {
        private final Process process;
        private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        private final Thread stderrReader;

        ProcessStream(Process process) {
            this.process = process;
            this.stderrReader = new Thread(this::collectStderr, "dial-stdio-stderr-" + process.pid());
            stderrReader.setDaemon(true);
            stderrReader.start();
        }

        public Process process() {
            return process;
        }

        private void collectStderr() {
            byte[] buffer = new byte[1024];
            try (InputStream err = process.getErrorStream()) {
                int n;
                while ((n = err.read(buffer)) >= 0) {
                    synchronized (stderr) {
                        stderr.write(buffer, 0, Math.min(n, Math.max(0, STDERR_LIMIT - stderr.size())));
                    }
                }
            } catch (IOException e) {
                // The process was destroyed; what was read so far is kept.
            }
        }

        @Override
        public InputStream in() {
            return process.getInputStream();
        }

        @Override
        public OutputStream out() {
            return process.getOutputStream();
        }

        @Override
        public Optional<StreamExit> awaitExit(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return Optional.empty();
            }
            stderrReader.join(1000);
            synchronized (stderr) {
                return Optional.of(new StreamExit(process.exitValue(), stderr.toString(StandardCharsets.UTF_8)));
            }
        }

        @Override
        public void close() {
            process.destroy();
        }
    }
}
