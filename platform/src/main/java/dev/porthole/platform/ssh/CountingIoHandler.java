package dev.porthole.platform.ssh;

import java.net.InetSocketAddress;
import org.apache.sshd.common.forward.TcpipForwardingExceptionMarker;
import org.apache.sshd.common.io.IoHandler;
import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.common.util.Readable;
import org.apache.sshd.common.util.net.SshdSocketAddress;

/**
 * MINA's handler of the local or dynamic forwards' listening sockets, counting each accepted connection for the
 * forward it was accepted on. MINA's handler sees the connection as a {@link CountedConnection}, always the same one:
 * its channel writes the bytes for the client through it, and MINA's SOCKS proxy keys its state by it.
 */
final class CountingIoHandler implements IoHandler {
    private final IoHandler mina;
    private final CountingForwarder forwarder;
    private final boolean socks;

    CountingIoHandler(IoHandler mina, CountingForwarder forwarder, boolean socks) {
        this.mina = mina;
        this.forwarder = forwarder;
        this.socks = socks;
    }

    @Override
    public void sessionCreated(IoSession socket) throws Exception {
        SshdSocketAddress bound = new SshdSocketAddress((InetSocketAddress) socket.getAcceptanceAddress());
        CountedConnection connection = new CountedConnection(
                socket, forwarder.listeningOn(bound), socks ? Handshake.socks() : Handshake.none());
        socket.setAttribute(CountedConnection.class, connection);
        // before MINA's handler, which may refuse the connection: MINA then closes it, and sessionClosed counts it off
        connection.opened();
        mina.sessionCreated(connection);
    }

    @Override
    public void sessionClosed(IoSession socket) throws Exception {
        CountedConnection connection = connection(socket);
        // after a reset or a read error MINA 2.16 closes the channel at once, without SSH_MSG_CHANNEL_CLOSE, and the
        // server keeps its connection to the destination (MINA GH-879, fixed after 2.17.1); without the marker it
        // closes the channel gracefully, as for a clean end
        socket.removeAttribute(TcpipForwardingExceptionMarker.class);
        try {
            mina.sessionClosed(connection);
        } finally {
            connection.closed();
        }
    }

    @Override
    public void exceptionCaught(IoSession socket, Throwable cause) throws Exception {
        mina.exceptionCaught(connection(socket), cause);
    }

    @Override
    public void messageReceived(IoSession socket, Readable message) throws Exception {
        CountedConnection connection = connection(socket);
        // counted before MINA's handler, which drains the message
        connection.fromClient(message.available());
        mina.messageReceived(connection, message);
    }

    private static CountedConnection connection(IoSession socket) {
        return (CountedConnection) socket.getAttribute(CountedConnection.class);
    }
}
