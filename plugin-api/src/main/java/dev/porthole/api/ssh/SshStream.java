package dev.porthole.api.ssh;

import dev.porthole.api.Api;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A remote command's stdin and stdout as one byte stream. stderr is kept aside (bounded) for diagnostics so that an
 * unread error stream never stalls the channel.
 */
@Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
public interface SshStream extends AutoCloseable {

    /** {@return the command's stdout} */
    InputStream input();

    /** {@return the command's stdin; closing it sends end-of-file} */
    OutputStream output();

    /** {@return the last bytes the command wrote to stderr, as UTF-8} */
    String errorOutput();

    /** {@return the exit status, once the command has ended} */
    OptionalInt exitStatus();

    /**
     * Waits at most {@code timeout} for the command to end, e.g. after its stdout closed, to learn why: the exit status
     * and stderr are what tell a missing program from a refused one. An interrupt ends the wait early with an empty
     * result and the thread's interrupt flag set.
     *
     * @param timeout the longest wait
     * @return how the command ended, or empty if it still runs after {@code timeout}
     * @since 0.2.0
     */
    Optional<SshStreamExit> awaitExit(Duration timeout);

    @Override
    void close();
}
