package dev.porthole.api.ssh;

import dev.porthole.api.Api;
import java.net.InetSocketAddress;

/**
 * Takes the connections that arrive on a listen the SSH server keeps for a plugin
 * ({@link SshTarget#remoteForward(String, int, TcpAcceptor)}). Calls run on a thread of the plugin that listens.
 *
 * @since 0.2.0
 */
@Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
@FunctionalInterface
public interface TcpAcceptor {

    /**
     * A client connected to the server's listening port. What the client sends goes to the returned receiver, with the
     * same flow control as {@link SshTarget#openTcp}; what the plugin writes to {@code channel} goes to the client.
     *
     * @param channel the connection, to write to and to close when done
     * @param origin the client's address, as the SSH server reports it (not resolved)
     * @return the receiver of what the client sends
     */
    TcpReceiver accepted(TcpChannel channel, InetSocketAddress origin);
}
