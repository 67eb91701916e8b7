package dev.porthole.api.ssh;

import dev.porthole.api.Api;
import dev.porthole.api.Caller;
import java.util.List;

/**
 * SSH connections to inventory hosts, shared by every plugin: one authenticated connection per host, user and
 * credential, many channels on it. Host keys are checked on every hop against the host's store; nothing here ever
 * accepts an unknown key silently.
 */
@Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
public interface SshConnections {

    /**
     * A host to run things on, when the caller may use it. Throws {@link dev.porthole.api.http.HttpError} 404 for a
     * host the caller cannot see and 403 for one they may only view. Nothing connects until the first operation.
     *
     * @param caller the caller from the request, whose access is checked
     * @param hostId the inventory id
     * @param overrides credentials or proxies for this request only, in place of the stored ones
     * @return the target
     */
    SshTarget target(Caller caller, long hostId, ConnectOptions overrides);

    /**
     * {@link #target(Caller, long, ConnectOptions)} with the stored credentials and proxies.
     *
     * @param caller the caller from the request, whose access is checked
     * @param hostId the inventory id
     * @return the target
     */
    default SshTarget target(Caller caller, long hostId) {
        return target(caller, hostId, ConnectOptions.NONE);
    }

    /**
     * Answers a pending challenge (see {@link SshException.Code#CHALLENGE_REQUIRED}), one answer per prompt, in the
     * order of {@link Challenge#prompts()}. Returns once the login went through; the connection is then pooled and
     * the next operation on the target uses it. Throws {@link SshException} with {@code CHALLENGE_REQUIRED} when the
     * server asks something more, {@code AUTH_FAILED} when it refused the answers, {@code CHALLENGE_EXPIRED} when no
     * challenge with this id is pending for this caller (it expired, was answered, or another user started it).
     *
     * @param caller the caller who started the login
     * @param challengeId {@link Challenge#id()}
     * @param answers one per prompt, in order
     */
    void answer(Caller caller, String challengeId, List<String> answers);
}
