package dev.porthole.api.ssh;

import dev.porthole.api.Api;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * How the command behind an {@link SshStream} ended.
 *
 * @param exitStatus empty when the command ended without one: killed by a signal, or its channel closed before the
 *     server sent a status
 * @param errorOutput the last bytes the command wrote to stderr, as UTF-8
 */
@Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
public record SshStreamExit(OptionalInt exitStatus, String errorOutput) {
    /**
     * Checks the values.
     *
     * @param exitStatus the command's exit status, if it sent one
     * @param errorOutput the end of its stderr
     */
    public SshStreamExit {
        Objects.requireNonNull(exitStatus, "exitStatus");
        Objects.requireNonNull(errorOutput, "errorOutput");
    }
}
