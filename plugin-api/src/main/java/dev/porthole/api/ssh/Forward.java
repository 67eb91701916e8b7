package dev.porthole.api.ssh;

import dev.porthole.api.Api;
import java.net.InetSocketAddress;

/**
 * A running port forward. It keeps its SSH connection open until closed; closing it stops listening and ends the
 * connections it carries. Closing twice does nothing.
 */
@Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
public interface Forward extends AutoCloseable {

    /** Which kind of forward this is. */
    @Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
    enum Kind {
        /** Listens here, connects from the SSH server ({@code ssh -L}). */
        LOCAL,
        /** Listens on the SSH server, connects from here ({@code ssh -R}). */
        REMOTE,
        /** A SOCKS proxy here whose connections leave from the SSH server ({@code ssh -D}). */
        DYNAMIC
    }

    /** {@return which kind of forward this is} */
    Kind kind();

    /** {@return where it listens: here for local and dynamic forwards, on the SSH server for remote ones} */
    InetSocketAddress boundAddress();

    /** {@return whether it still listens (its connection may have broken)} */
    boolean isOpen();

    /**
     * {@return the bytes and connections it has carried so far}
     *
     * @since 0.2.0
     */
    @Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
    ForwardTraffic traffic();

    /**
     * Runs {@code action} once when the forward stops, because it was closed or because its SSH connection (any hop of
     * it) broke; at once if it has stopped already. The action runs on a thread of the plugin that asked.
     *
     * @param action what to do then; it must not block for long
     * @since 0.2.0
     */
    @Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
    void onClose(Runnable action);

    /**
     * Asks every hop of the forward's SSH connection for a keepalive answer and waits at most {@code timeout} for all
     * of them. A hop that does not answer in time has its connection closed, which stops the forward (and runs the
     * {@link #onClose} actions): a silent, half-dead connection is found before TCP would notice.
     *
     * @param timeout the longest wait for the answers
     * @return whether every hop answered
     * @since 0.2.0
     */
    @Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
    boolean probe(java.time.Duration timeout);

    /** Stops listening and ends the connections it carries; closing twice does nothing. */
    @Override
    void close();
}
