package dev.porthole.plugins.dockerssh.session;

import dev.porthole.api.ssh.SshException;
import dev.porthole.api.ssh.SshTarget;
import dev.porthole.plugins.dockerssh.transport.DuplexStream;
import dev.porthole.plugins.dockerssh.transport.DuplexStreamOpener;
import java.io.IOException;

/**
 * Opens {@code docker system dial-stdio} on a channel of the target's pooled SSH connection, as {@code docker -H
 * ssh://...} does.
 */
final class SshStreamOpener implements DuplexStreamOpener {
    static final String DIAL_STDIO = "docker system dial-stdio";

    private final SshTarget target;

    SshStreamOpener(SshTarget target) {
        this.target = target;
    }

    /**
     * The transport turns an {@link IOException} into an error with the SSH service's reason; an unchecked {@link
     * SshException} would pass through docker-java as an unexplained failure.
     */
    @Override
    public DuplexStream open() throws IOException {
        try {
            return new SshDuplexStream(target.openStream(DIAL_STDIO));
        } catch (SshException e) {
            throw new IOException("SSH " + e.code() + ": " + e.getMessage(), e);
        }
    }
}
