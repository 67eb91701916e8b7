package dev.porthole.api.ssh;

import dev.porthole.api.Api;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A command to run. An empty timeout or output limit means the host's default ({@code porthole.ssh.exec-timeout},
 * {@code porthole.ssh.exec-output-limit}).
 *
 * @param command passed to the remote shell as it is: quote every value that came from a request
 * @param timeout how long the command may run before it is stopped
 * @param outputLimit bytes of stdout and of stderr each kept; more is dropped and the result says truncated
 */
@Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
public record ExecRequest(String command, Optional<Duration> timeout, Optional<Integer> outputLimit) {
    /**
     * Checks the values.
     *
     * @param command the command line
     * @param timeout how long it may run; empty for the host's default
     * @param outputLimit bytes kept of stdout and of stderr each; empty for the host's default
     * @throws IllegalArgumentException for a blank command, a timeout that is not positive or a negative limit
     */
    public ExecRequest {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(outputLimit, "outputLimit");
        if (command.isBlank()) {
            throw new IllegalArgumentException("a command is needed");
        }
        if (timeout.isPresent() && (timeout.get().isNegative() || timeout.get().isZero())) {
            throw new IllegalArgumentException("a timeout is positive, not " + timeout.get());
        }
        if (outputLimit.isPresent() && outputLimit.get() < 0) {
            throw new IllegalArgumentException("an output limit is at least 0, not " + outputLimit.get());
        }
    }

    /**
     * A command with the host's default timeout and output limit.
     *
     * @param command the command line
     * @return the request
     */
    public static ExecRequest of(String command) {
        return new ExecRequest(command, Optional.empty(), Optional.empty());
    }

    /**
     * This request with its own timeout.
     *
     * @param timeout positive
     * @return a new request
     */
    public ExecRequest withTimeout(Duration timeout) {
        return new ExecRequest(command, Optional.of(timeout), outputLimit);
    }

    /**
     * This request with its own output limit.
     *
     * @param bytes of stdout and of stderr each, at least 0
     * @return a new request
     */
    public ExecRequest withOutputLimit(int bytes) {
        return new ExecRequest(command, timeout, Optional.of(bytes));
    }
}
