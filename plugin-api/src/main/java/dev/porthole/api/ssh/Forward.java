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
        LOCAL,
        REMOTE,
        DYNAMIC
    }

    Kind kind();

    /** Where it listens: here for local and dynamic forwards, on the SSH server for remote ones. */
    InetSocketAddress boundAddress();

    /** Whether it still listens (its connection may have broken). */
    boolean isOpen();

    @Override
    void close();
}
