package dev.porthole.platform.ssh;

import dev.porthole.api.ssh.TcpAcceptor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.forward.PortForwardingTracker;
import org.apache.sshd.common.Factory;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.forward.DefaultForwarder;
import org.apache.sshd.common.forward.SocksProxy;
import org.apache.sshd.common.io.IoAcceptor;
import org.apache.sshd.common.io.IoHandler;
import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.helpers.AbstractConnectionService;
import org.apache.sshd.common.util.net.SshdSocketAddress;

/**
 * MINA's forwarder of one SSH session, keeping the traffic counters of each of the session's forwards. MINA has no
 * byte counts of its own below the session (whose counts reset at every key exchange), so the counting happens where
 * MINA hands bytes between a forward's sockets and its channels: in the handler of the local and dynamic listening
 * sockets ({@link CountingIoHandler}) and in the channels of remote forwards ({@link CountedForwardedChannel}).
 *
 * <p>One forwarder serves all the forwards of its session. A local or dynamic forward's connections find their
 * counters by the address they were accepted on, which is the forward's bound address; a remote forward's by the
 * server port they arrived on, the only thing MINA itself matches them by. A forward's entry is dropped when MINA stops
 * the forward, so that a later forward on the same address starts from zero; the connections it still carries keep
 * their counters. It also knows which remote ports a plugin takes the connections of itself ({@link TcpAcceptor}).
 */
final class CountingForwarder extends DefaultForwarder {
    private static final SshdSocketAddress NOWHERE = new SshdSocketAddress("127.0.0.1", 0);
    private final Map<SshdSocketAddress, ForwardCounters> byListener = new ConcurrentHashMap<>();
    private final Map<Integer, ForwardCounters> byRemotePort = new ConcurrentHashMap<>();
    private final Map<Integer, TcpAcceptor> acceptors = new ConcurrentHashMap<>();

    CountingForwarder(ConnectionService service) {
        super(service);
    }

    /** The forwarder of {@code session}; the host's client creates nothing else (see {@link SshClientFactory}). */
    static CountingForwarder of(Session session) {
        return (CountingForwarder) session.getService(ConnectionService.class).getForwarder();
    }

    /** {@return the counters of the local or dynamic forward listening on {@code bound}} */
    ForwardCounters listeningOn(SshdSocketAddress bound) {
        // a client may connect between MINA's bind and the forward asking for its counters: both get the same ones
        return byListener.computeIfAbsent(bound, address -> new ForwardCounters());
    }

    /** {@return the counters of the remote forward the server listens for on {@code port}} */
    ForwardCounters forwardedFrom(int port) {
        return byRemotePort.computeIfAbsent(port, p -> new ForwardCounters());
    }

    /** {@return the plugin that takes the connections the server accepts on {@code port}, if one does} */
    Optional<TcpAcceptor> acceptorOn(int port) {
        return Optional.ofNullable(acceptors.get(port));
    }

    /**
     * Asks the server to listen on {@code remote} for {@code acceptor}, which takes the connections as channels (see
     * {@link ForwardedChannels}). A fixed port's acceptor is known before the server listens; with port 0 the server
     * names the port in its reply, and a client that connects before the reply is handled is refused.
     */
    synchronized PortForwardingTracker acceptOn(ClientSession session, SshdSocketAddress remote, TcpAcceptor acceptor)
            throws IOException {
        refuseTaken(remote);
        if (remote.getPort() != 0) {
            acceptors.put(remote.getPort(), acceptor);
        }
        // MINA wants a local address to map the port to; no channel of an accepted port connects to it
        PortForwardingTracker tracker = session.createRemotePortForwardingTracker(remote, NOWHERE);
        acceptors.put(tracker.getBoundAddress().getPort(), acceptor);
        return tracker;
    }

    @Override
    public synchronized SshdSocketAddress startRemotePortForwarding(SshdSocketAddress remote, SshdSocketAddress local)
            throws IOException {
        refuseTaken(remote);
        return super.startRemotePortForwarding(remote, local);
    }

    /**
     * MINA cleans up after a refused listen by stopping the forward of that port: the one this session already has
     * there would go with it, so a second listen on a port is refused here, before the server is asked.
     */
    private void refuseTaken(SshdSocketAddress remote) throws IOException {
        if (remote.getPort() != 0 && getForwardedPort(remote.getPort()) != null) {
            throw new org.apache.sshd.common.SshException(
                    "Tcpip forwarding request denied: this connection already forwards port " + remote.getPort());
        }
    }

    @Override
    protected IoAcceptor createIoAcceptor(Factory<? extends IoHandler> handlerFactory) {
        IoHandler mina = handlerFactory.create();
        return super.createIoAcceptor(() -> new CountingIoHandler(mina, this, mina instanceof SocksProxy));
    }

    @Override
    protected void unbindLocalForwarding(SshdSocketAddress local, SshdSocketAddress remote, InetSocketAddress bound)
            throws IOException {
        try {
            super.unbindLocalForwarding(local, remote, bound);
        } finally {
            stopped(getLocalIoAcceptor(), bound);
        }
    }

    @Override
    protected void unbindDynamicForwarding(SshdSocketAddress local, SocksProxy proxy, InetSocketAddress bound)
            throws IOException {
        try {
            super.unbindDynamicForwarding(local, proxy, bound);
        } finally {
            stopped(getDynamicIoAcceptor(), bound);
        }
    }

    @Override
    public synchronized void stopRemotePortForwarding(SshdSocketAddress remote) throws IOException {
        try {
            super.stopRemotePortForwarding(remote);
        } finally {
            // by the port MINA stops it by, so that both agree on which server port still reaches the forward
            byRemotePort.remove(remote.getPort());
            acceptors.remove(remote.getPort());
            closeConnectionsOn(remote.getPort());
        }
    }

    /** The server keeps the connections of a cancelled listen: closing a forward ends them all the same. */
    private void closeConnectionsOn(int port) {
        for (Channel channel : ((AbstractConnectionService) getConnectionService()).getChannels()) {
            boolean carried = channel instanceof AcceptedTcpipChannel accepted
                    ? accepted.listenPort() == port
                    : channel instanceof CountedForwardedChannel counted
                            && counted.getTunnelEntrance() != null
                            && counted.getTunnelEntrance().getPort() == port;
            if (carried) {
                channel.close(false);
            }
        }
    }

    /**
     * A local or dynamic forward has stopped listening on {@code bound} (null when MINA cleans up after a failed bind):
     * its counters go, and so do the connections it accepted, which MINA's unbind leaves running although the plugin
     * API promises, and a disconnected tunnel needs, that closing a forward ends them.
     */
    private void stopped(IoAcceptor acceptor, InetSocketAddress bound) {
        if (bound == null) {
            return;
        }
        SshdSocketAddress listener = new SshdSocketAddress(bound);
        byListener.remove(listener);
        for (IoSession connection : acceptor.getManagedSessions().values()) {
            if (connection.getAcceptanceAddress() instanceof InetSocketAddress at
                    && listener.equals(new SshdSocketAddress(at))) {
                connection.close(true);
            }
        }
    }
}
