package dev.porthole.api.ssh;

import dev.porthole.api.Api;

/** Receives a command's output as it arrives, on the thread that called {@link SshTarget#exec(ExecRequest, ExecListener)}. */
@Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
public interface ExecListener {
    /**
     * A chunk of stdout.
     *
     * @param chunk the bytes; the array is the listener's to keep
     */
    void stdout(byte[] chunk);

    /**
     * A chunk of stderr.
     *
     * @param chunk the bytes; the array is the listener's to keep
     */
    void stderr(byte[] chunk);
}
