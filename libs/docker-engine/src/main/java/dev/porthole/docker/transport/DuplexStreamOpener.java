package dev.porthole.docker.transport;

import java.io.IOException;

/**
 * Starts {@code docker system dial-stdio} on the target host and hands over its streams ({@link SshDialStdio}: an exec
 * channel on a pooled SSH connection), or connects to a daemon's socket ({@link UnixSocketStreams}). The transport
 * calls it once per pooled HTTP connection, from the thread that needs the connection.
 */
@FunctionalInterface
public interface DuplexStreamOpener {
    /**
     * Opens a new stream. A failure to start the command at all (unreachable host, refused login) is thrown here; a
     * command that starts and then fails is seen through {@link DuplexStream#awaitExit}.
     */
    DuplexStream open() throws IOException;
}
