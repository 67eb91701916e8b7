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
 * @param outputLimit bytes of stdout and of stderr each kept; more is dropped and the result says truncated
 */
@Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
public record ExecRequest(String command, Optional<Duration> timeout, Optional<Integer> outputLimit) {
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

    public static ExecRequest of(String command) {
        return new ExecRequest(command, Optional.empty(), Optional.empty());
    }

    public ExecRequest withTimeout(Duration timeout) {
        return new ExecRequest(command, Optional.of(timeout), outputLimit);
    }

    public ExecRequest withOutputLimit(int bytes) {
        return new ExecRequest(command, timeout, Optional.of(bytes));
    }
}
