package dev.porthole.docker.transport;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;

/**
 * A running {@code docker system dial-stdio}: its stdout to read, its stdin to write, and how it ended; or a
 * connection to the daemon's socket, which has the two halves and no exit. One stream carries one HTTP connection at a
 * time; closing it ends the command (kills the process or closes the channel) or the connection.
 */
public interface DuplexStream extends Closeable {
    /** The command's stdout: the Docker daemon's HTTP responses. */
    InputStream in();

    /** The command's stdin: our HTTP requests. Closing it half-closes the connection to the daemon. */
    OutputStream out();

    /**
     * Waits at most {@code timeout} for the command to end. The exit status and stderr are what tell a missing
     * {@code docker}, a stopped daemon and a refused socket apart, so the transport asks for them when a stream
     * fails.
     *
     * @return how the command ended, or empty if it is still running after {@code timeout} (always empty for a socket)
     */
    Optional<StreamExit> awaitExit(Duration timeout) throws InterruptedException;

    /** Ends the command and releases the stream; idempotent. */
    @Override
    void close() throws IOException;
}
