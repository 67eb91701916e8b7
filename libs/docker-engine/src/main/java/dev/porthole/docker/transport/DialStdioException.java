package dev.porthole.docker.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * An HTTP exchange with the daemon failed on the stream. docker-java's transport seam allows only unchecked
 * exceptions, hence unchecked; it carries the command's exit when the command had ended, so callers can tell "docker
 * is not installed" from "the daemon is down" from "permission denied".
 */
public final class DialStdioException extends UncheckedIOException {
    private final transient StreamExit exit;

    public DialStdioException(String message, IOException cause, StreamExit exit) {
        super(message, cause);
        this.exit = exit;
    }

    /** How {@code docker system dial-stdio} ended, if it had ended when the exchange failed. */
    public Optional<StreamExit> exit() {
        return Optional.ofNullable(exit);
    }
}
