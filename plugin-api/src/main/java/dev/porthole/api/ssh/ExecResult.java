package dev.porthole.api.ssh;

import dev.porthole.api.Api;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * How a command ended.
 *
 * @param exitStatus empty when the command was killed by a signal or timed out
 * @param stdout UTF-8, at most the output limit
 * @param stderr UTF-8, at most the output limit
 * @param truncated whether output beyond the limit was dropped
 * @param timedOut whether the timeout ended the command (its channel was closed)
 */
@Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
public record ExecResult(
        OptionalInt exitStatus, String stdout, String stderr, boolean truncated, boolean timedOut, Duration duration) {

    /** {@return whether the command ran to the end with status 0} */
    public boolean succeeded() {
        return exitStatus.isPresent() && exitStatus.getAsInt() == 0;
    }
}
