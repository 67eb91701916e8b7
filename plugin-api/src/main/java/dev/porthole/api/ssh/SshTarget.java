package dev.porthole.api.ssh;

import dev.porthole.api.Api;
import java.util.List;

/**
 * One host, reached as the caller who asked for it. Every operation takes a channel on the pooled connection (opening
 * or replacing the connection when needed) and throws {@link SshException} when it cannot.
 */
@Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
public interface SshTarget {

    /** {@return the inventory id of the host} */
    long hostId();

    /**
     * Checks that the host's SSH server answers, without logging in to it: through its proxies and jump hosts (which are
     * logged in to as usual), reads the server's identification line and ends as a probe. OpenSSH recognises the
     * probe and logs it as one, with no error and nothing that fail2ban or sshguard count against this server.
     *
     * @return the server's identification line and how long the check took
     * @throws SshException {@code UNREACHABLE}, {@code TIMEOUT} or {@code DNS_FAILURE} when it does not answer as an
     *     SSH server; the jump hosts' and proxies' own failures as for a connection
     * @since 0.2.0
     */
    SshBanner ping();

    /**
     * Makes sure an authenticated connection exists, for a "connect" step that should surface a login problem or a
     * challenge before any work is asked for.
     */
    void connect();

    /**
     * Closes the pooled connections to this host (as this target logs in) that no operation holds at the moment, so
     * that the next operation logs in afresh. A connection in use, by this plugin or another, stays open: closing it
     * would break a tunnel or a session that is not the caller's to end.
     *
     * @return how many connections were closed
     * @since 0.2.0
     */
    int closeIdle();

    /**
     * The stages of the last connection this target opened (by {@link #connect()} or any operation), also when it
     * failed; empty when every operation so far used a connection already in the pool.
     *
     * @return the stages, in order
     * @since 0.2.0
     */
    List<ConnectionStage> connectionLog();

    /**
     * Runs a command and collects its output, bounded by the request's timeout and output limit.
     *
     * @param request the command, timeout and output limit
     * @return the exit status and output
     */
    ExecResult exec(ExecRequest request);

    /**
     * {@link #exec(ExecRequest)} with the default timeout and output limit.
     *
     * @param command the command line, as the remote shell reads it
     * @return the exit status and output
     */
    default ExecResult exec(String command) {
        return exec(ExecRequest.of(command));
    }

    /**
     * Runs a command and hands its output to {@code listener} as it arrives, on the calling thread; returns when the
     * command ends or times out. The result's {@code stdout} and {@code stderr} are empty: the output went to the
     * listener. The output limit still applies.
     *
     * @param request the command, timeout and output limit
     * @param listener receives stdout and stderr as they arrive
     * @return the exit status, with empty output
     */
    ExecResult exec(ExecRequest request, ExecListener listener);

    /**
     * Listens on {@code bindHost:bindPort} here and carries each connection to {@code remoteHost:remotePort} as seen
     * from the SSH server ({@code ssh -L}). Port 0 picks a free port; the handle tells which.
     *
     * @param bindHost the local address to listen on
     * @param bindPort the local port, 0 for any free one
     * @param remoteHost the destination, as the SSH server resolves it
     * @param remotePort the destination port
     * @return the forward, to close when done
     */
    Forward localForward(String bindHost, int bindPort, String remoteHost, int remotePort);

    /**
     * Asks the SSH server to listen on {@code remoteBindHost:remoteBindPort} and carries each connection to
     * {@code localHost:localPort} as seen from here ({@code ssh -R}).
     *
     * @param remoteBindHost the address the SSH server listens on
     * @param remoteBindPort its port, 0 for any free one
     * @param localHost the destination, as this server resolves it
     * @param localPort the destination port
     * @return the forward, to close when done
     */
    Forward remoteForward(String remoteBindHost, int remoteBindPort, String localHost, int localPort);

    /**
     * Asks the SSH server to listen on {@code remoteBindHost:remoteBindPort} and hands each connection that arrives
     * there to {@code acceptor} as a {@link TcpChannel}, with no socket on this side: what {@code ssh -R} does, with the
     * plugin as the destination. Closing the forward stops the listen and closes the connections it accepted.
     *
     * @param remoteBindHost the address the SSH server listens on
     * @param remoteBindPort its port, 0 for any free one
     * @param acceptor takes each connection
     * @return the forward, to close when done
     * @since 0.2.0
     */
    Forward remoteForward(String remoteBindHost, int remoteBindPort, TcpAcceptor acceptor);

    /**
     * A SOCKS proxy listening here whose connections leave from the SSH server ({@code ssh -D}).
     *
     * @param bindHost the local address to listen on
     * @param bindPort the local port, 0 for any free one
     * @return the forward, to close when done
     */
    Forward dynamicForward(String bindHost, int bindPort);

    /**
     * A raw byte stream to a remote command's stdin and stdout, e.g. {@code docker system dial-stdio}. Close it when
     * done; closing ends the command's channel.
     *
     * @param command the command line, as the remote shell reads it
     * @return the stream
     */
    SshStream openStream(String command);

    /**
     * A TCP connection from the SSH server to {@code host:port} ({@code ssh -W}), on the pooled connection. Returns
     * once the server has made the connection; throws {@link SshException} {@code CHANNEL_FAILED} when it refused or
     * could not reach the destination.
     *
     * @param host the destination, as the SSH server resolves it
     * @param port the destination port
     * @param receiver takes what the destination sends
     * @return the channel, to close when done
     * @since 0.2.0
     */
    TcpChannel openTcp(String host, int port, TcpReceiver receiver);
}
