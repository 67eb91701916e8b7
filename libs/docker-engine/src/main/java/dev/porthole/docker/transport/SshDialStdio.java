package dev.porthole.docker.transport;

import dev.porthole.api.ssh.SshException;
import dev.porthole.api.ssh.SshTarget;
import java.io.IOException;

/**
 * Streams of {@code docker system dial-stdio} run on a channel of the target's pooled SSH connection, as {@code docker
 * -H ssh://...} does.
 */
public final class SshDialStdio {
    private static final String DIAL_STDIO = "docker system dial-stdio";

    private SshDialStdio() {}

    /** Each stream opened is a new exec channel on the host's pooled connection; closing it closes the channel. */
    public static DuplexStreamOpener opener(SshTarget target) {
        return () -> open(target);
    }

    /**
     * The transport turns an {@link IOException} into an error with the SSH service's reason; an unchecked {@link
     * SshException} would pass through docker-java as an unexplained failure.
     */
    private static DuplexStream open(SshTarget target) throws IOException {
        try {
            return new SshDuplexStream(target.openStream(DIAL_STDIO));
        } catch (SshException e) {
            throw new IOException("SSH " + e.code() + ": " + e.getMessage(), e);
        }
    }
}
