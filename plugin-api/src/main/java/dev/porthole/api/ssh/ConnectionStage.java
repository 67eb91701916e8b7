package dev.porthole.api.ssh;

import dev.porthole.api.Api;
import java.util.Objects;
import java.util.Optional;

/**
 * One stage of a connect, as {@code POST /api/hosts/{id}/test} shows them: {@code dns}, {@code tcp}, {@code proxy},
 * {@code handshake}, {@code host_key}, {@code authentication}; a connection through jump hosts repeats them per hop.
 *
 * @param hostId the inventory host of the hop
 * @param outcome {@code ok} or {@code failed}
 * @param code for a failed stage, the {@link SshException.Code} name of the failure
 */
@Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
public record ConnectionStage(
        String stage, long hostId, String outcome, long durationMs, String message, Optional<String> code) {
    /**
     * Checks the values.
     *
     * @param stage the stage's name
     * @param hostId the host of the hop
     * @param outcome ok or failed
     * @param durationMs how long the stage took
     * @param message what happened, never a secret
     * @param code the failure's code, for a failed stage
     */
    public ConnectionStage {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(code, "code");
    }
}
