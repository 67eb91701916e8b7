package dev.porthole.platform.ssh;

import dev.porthole.api.ssh.TcpAcceptor;
import dev.porthole.api.ssh.TcpReceiver;
import java.io.IOException;
import java.net.InetSocketAddress;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.common.Closeable;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.ChannelAsyncInputStream;
import org.apache.sshd.common.channel.ChannelAsyncOutputStream;
import org.apache.sshd.common.io.IoWriteFuture;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.server.channel.AbstractServerChannel;

/**
 * A connection the server accepted on a port a plugin listens on ({@link TcpAcceptor}): the server's forwarded-tcpip
 * channel, handed to the plugin as a TCP channel instead of being connected to a socket here. Its traffic counts for
 * the forward, like that of a socket-bound remote forward ({@link CountedForwardedChannel}).
 */
final class AcceptedTcpipChannel extends AbstractServerChannel {
    private final TcpAcceptor acceptor;
    private ChannelAsyncInputStream fromServer;
    private ChannelAsyncOutputStream toServer;
    private ForwardCounters counters;
    private volatile int listenPort;

    AcceptedTcpipChannel(TcpAcceptor acceptor) {
        super(null);
        this.acceptor = acceptor;
    }

    @Override
    protected OpenFuture doInit(Buffer buffer) {
        buffer.getString(); // the address the server listens on
        listenPort = buffer.getInt();
        InetSocketAddress origin = InetSocketAddress.createUnresolved(buffer.getString(), buffer.getInt());
        counters = CountingForwarder.of(getSession()).forwardedFrom(listenPort);
        counters.opened();
        addCloseFutureListener(closed -> counters.closed());
        fromServer = new ChannelAsyncInputStream(this);
        toServer = new ChannelAsyncOutputStream(this, SshConstants.SSH_MSG_CHANNEL_DATA);
        // confirms the open to the server before the plugin can write anything
        OpenFuture opened = super.doInit(buffer);
        if (opened.isOpened()) {
            SshTcpChannel channel = new SshTcpChannel(this, fromServer, toServer);
            TcpReceiver receiver;
            try {
                receiver = acceptor.accepted(channel, origin);
            } catch (RuntimeException e) {
                log.warn("the acceptor of port {} failed; closing the connection", listenPort, e);
                close(false);
                return opened;
            }
            channel.receiveWith(receiver);
        }
        return opened;
    }

    /** {@return the server port the connection arrived on} */
    int listenPort() {
        return listenPort;
    }

    @Override
    protected void doWriteData(byte[] data, int off, long len) throws IOException {
        counters.fromClients(len);
        fromServer.write(new ByteArrayBuffer(data, off, (int) len));
    }

    @Override
    protected void doWriteExtendedData(byte[] data, int off, long len) throws IOException {
        throw new IOException("a forwarded TCP connection carries no extended data");
    }

    @Override
    public IoWriteFuture writePacket(Buffer buffer) throws IOException {
        counters.toClients(buffer);
        return super.writePacket(buffer);
    }

    @Override
    public void handleWindowAdjust(Buffer buffer) throws IOException {
        super.handleWindowAdjust(buffer);
        toServer.onWindowExpanded();
    }

    @Override
    public void handleEof() throws IOException {
        super.handleEof();
        // hands out what it still holds, then ends the plugin's read
        fromServer.close(false);
    }

    @Override
    protected Closeable getInnerCloseable() {
        return builder()
                .close(toServer)
                .close(fromServer)
                .close(super.getInnerCloseable())
                .build();
    }
}
