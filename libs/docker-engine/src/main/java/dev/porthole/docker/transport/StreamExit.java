package dev.porthole.docker.transport;

/**
 * How a {@code docker system dial-stdio} ended.
 *
 * @param status the exit status, or {@link #NO_STATUS} when the command ended without one (killed by a signal, or the
 *     channel closed before the status was sent)
 * @param stderr what it wrote on stderr, at most the first few KiB, decoded as UTF-8
 */
public record StreamExit(int status, String stderr) {
    public static final int NO_STATUS = -1;

    public StreamExit {
        stderr = stderr == null ? "" : stderr;
    }
}
