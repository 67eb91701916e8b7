package dev.porthole.docker.transport;

import dev.porthole.api.ssh.SshStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;

/** The SSH service's stream of a remote {@code docker system dial-stdio} as the transport's {@link DuplexStream}. */
final class SshDuplexStream implements DuplexStream {
    private final SshStream stream;

    SshDuplexStream(SshStream stream) {
        this.stream = stream;
    }

    @Override
    public InputStream in() {
        return stream.input();
    }

    @Override
    public OutputStream out() {
        return stream.output();
    }

    @Override
    public Optional<StreamExit> awaitExit(Duration timeout) throws InterruptedException {
        Optional<StreamExit> exit = stream.awaitExit(timeout)
                .map(end -> new StreamExit(end.exitStatus().orElse(StreamExit.NO_STATUS), end.errorOutput()));
        // the SSH service reports an interrupt through the flag; the transport expects the exception
        if (exit.isEmpty() && Thread.interrupted()) {
            throw new InterruptedException("interrupted while waiting for docker system dial-stdio to end");
        }
        return exit;
    }

    @Override
    public void close() {
        stream.close();
    }
}
