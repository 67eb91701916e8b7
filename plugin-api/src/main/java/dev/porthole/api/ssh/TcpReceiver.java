package dev.porthole.api.ssh;

import dev.porthole.api.Api;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Takes what the destination of a {@link TcpChannel} sends. Calls come one at a time, in order, on a thread of the
 * plugin that opened the channel.
 *
 * @since 0.2.0
 */
@Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
public interface TcpReceiver {

    /**
     * Bytes from the destination. No more arrive until the returned stage completes: while it is pending, the SSH
     * window fills and the destination is held back, so that a slow consumer costs at most one window of memory.
     *
     * @param data the bytes, the receiver's to keep
     * @return completes when the receiver is ready for more
     */
    CompletionStage<?> received(byte[] data);

    /**
     * The channel has ended: the destination closed its side, the channel was closed, or its connection broke. Called
     * once, after the last {@link #received}.
     *
     * @param error why, when it did not end cleanly
     */
    void closed(Optional<String> error);
}
