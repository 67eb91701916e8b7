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

    /** Stops listening and ends the connections it carries; closing twice does nothing. */
    @Override
    void close();
}
