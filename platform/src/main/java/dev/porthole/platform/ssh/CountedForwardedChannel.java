package dev.porthole.platform.ssh;

import java.io.IOException;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.common.io.IoWriteFuture;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.threads.CloseableExecutorService;
import org.apache.sshd.common.util.threads.ThreadUtils;
import org.apache.sshd.server.forward.TcpForwardingFilter;
import org.apache.sshd.server.forward.TcpipServerChannel;

/**
 * The client end of one connection to a remote forward: MINA's forwarded-tcpip channel, which connects to the local
 * destination, counting for its forward what the server's client sends and what comes back to it.
 */
final class CountedForwardedChannel extends TcpipServerChannel {
    // the channel data header (RFC 4254 5.2): byte SSH_MSG_CHANNEL_DATA, uint32 recipient channel, uint32 length
    private static final int DATA_LENGTH_OFFSET = 1 + Integer.BYTES;

    // set once the local destination accepted, before the first byte moves either way
    private volatile ForwardCounters counters;

    private CountedForwardedChannel(CloseableExecutorService executor) {
        super(TcpForwardingFilter.Type.Forwarded, executor);
    }

    @Override
    protected void handleChannelOpenSuccess(OpenFuture f, IoSession session) {
        ForwardCounters forward = CountingForwarder.of(getSession())
                .forwardedFrom(getTunnelEntrance().getPort());
        forward.opened();
        addCloseFutureListener(closed -> forward.closed());
        counters = forward;
        super.handleChannelOpenSuccess(f, session);
    }

    @Override
    protected void doWriteData(byte[] data, int off, long len) throws IOException {
        counters.fromClients(len);
        super.doWriteData(data, off, len);
    }

    @Override
    public IoWriteFuture writePacket(Buffer buffer) throws IOException {
        // what the destination sends leaves as channel data, cut into packets by MINA's channel stream; the rest of
        // the channel's packets carry no data
        if (buffer.rawByte(buffer.rpos()) == SshConstants.SSH_MSG_CHANNEL_DATA) {
            counters.toClients(buffer.rawUInt(buffer.rpos() + DATA_LENGTH_OFFSET));
        }
        return super.writePacket(buffer);
    }

    /** Creates the channels for the server's forwarded-tcpip opens, in place of MINA's own factory. */
    static final class Factory extends TcpipFactory {
        Factory() {
            super(TcpForwardingFilter.Type.Forwarded);
        }

        @Override
        public Channel createChannel(Session session) {
            return new CountedForwardedChannel(ThreadUtils.noClose(getExecutorService()));
        }
    }
}
