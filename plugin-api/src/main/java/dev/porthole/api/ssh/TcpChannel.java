package dev.porthole.api.ssh;

import dev.porthole.api.Api;
import java.util.concurrent.CompletionStage;

/**
 * A TCP connection the SSH server made on our behalf ({@code ssh -W}, a direct-tcpip channel), carried on the host's
 * pooled connection: many channels, one login. Flow control follows SSH's windows both ways: a write completes once the
 * server has room for it, and {@link TcpReceiver} gets no more bytes until it says it is ready for them.
 *
 * @since 0.2.0
 */
@Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
public interface TcpChannel extends AutoCloseable {

    /**
     * Sends bytes to the destination. One write at a time: the next may start when the stage of this one has completed.
     * The stage fails when the channel has closed.
     *
     * @param data the bytes, not copied: the caller must not change them until the stage completes
     * @return completes when the bytes are in the channel
     * @throws IllegalStateException while the previous write is still under way
     */
    CompletionStage<Void> write(byte[] data);

    /** {@return whether the channel is still open} */
    boolean isOpen();

    /** Closes the channel and with it the server's connection to the destination; closing twice does nothing. */
    @Override
    void close();
}
