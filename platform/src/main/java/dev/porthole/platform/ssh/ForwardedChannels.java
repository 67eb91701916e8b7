package dev.porthole.platform.ssh;

import dev.porthole.api.ssh.TcpAcceptor;
import java.io.IOException;
import java.util.Optional;
import org.apache.sshd.client.session.AbstractClientSession;
import org.apache.sshd.client.session.ClientConnectionService;
import org.apache.sshd.client.session.ClientConnectionServiceFactory;
import org.apache.sshd.common.Service;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.threads.ThreadUtils;
import org.apache.sshd.server.forward.TcpForwardingFilter;
import org.apache.sshd.server.forward.TcpipServerChannel;

/**
 * Which channel takes a forwarded-tcpip open of the server: a connection to a port a plugin accepts on becomes an
 * {@link AcceptedTcpipChannel}, any other one a {@link CountedForwardedChannel} connected to the forward's local
 * address. MINA creates a channel before it reads the open's details, so the connection service, which sees the open
 * first, notes the port's acceptor for the channel factory; a session handles its packets one at a time.
 */
final class ForwardedChannels {
    private static final String FORWARDED = TcpForwardingFilter.Type.Forwarded.getName();

    private ForwardedChannels() {}

    /** The connection service of the host's sessions. */
    static final class ServiceFactory extends ClientConnectionServiceFactory {
        @Override
        public Service create(Session session) throws IOException {
            AcceptingService service = new AcceptingService((AbstractClientSession) session);
            service.addPortForwardingEventListenerManager(this);
            return service;
        }
    }

    /** The channels the server may open here: forwarded-tcpip only, as in MINA's default. */
    static final class Factory extends TcpipServerChannel.TcpipFactory {
        Factory() {
            super(TcpForwardingFilter.Type.Forwarded);
        }

        @Override
        public Channel createChannel(Session session) {
            AcceptingService service = (AcceptingService) session.getService(ConnectionService.class);
            return service.opening
                    .<Channel>map(AcceptedTcpipChannel::new)
                    .orElseGet(() -> new CountedForwardedChannel(ThreadUtils.noClose(getExecutorService())));
        }
    }

    private static final class AcceptingService extends ClientConnectionService {
        // the acceptor of the forwarded-tcpip open being handled, while it is
        private Optional<TcpAcceptor> opening = Optional.empty();

        AcceptingService(AbstractClientSession session) throws IOException {
            super(session);
        }

        @Override
        protected void channelOpen(Buffer buffer) throws Exception {
            opening = acceptorOf(buffer);
            try {
                super.channelOpen(buffer);
            } finally {
                opening = Optional.empty();
            }
        }

        /** Reads the open's type and port (RFC 4254 7.2) and leaves the buffer as it was for MINA. */
        private Optional<TcpAcceptor> acceptorOf(Buffer open) {
            int start = open.rpos();
            try {
                if (!FORWARDED.equals(open.getString())) {
                    return Optional.empty();
                }
                open.getUInt(); // sender channel
                open.getUInt(); // initial window size
                open.getUInt(); // maximum packet size
                open.getString(); // the address the server listens on
                return ((CountingForwarder) getForwarder()).acceptorOn(open.getInt());
            } catch (RuntimeException malformed) {
                return Optional.empty(); // MINA refuses it as it reads it again
            } finally {
                open.rpos(start);
            }
        }
    }
}
