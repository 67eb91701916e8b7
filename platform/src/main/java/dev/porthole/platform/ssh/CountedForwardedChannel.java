package dev.porthole.platform.ssh;

import java.io.IOException;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.common.io.IoWriteFuture;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.threads.CloseableExecutorService;
import org.apache.sshd.server.forward.TcpForwardingFilter;
import org.apache.sshd.server.forward.TcpipServerChannel;

/**
 * The client end of one connection to a remote forward: MINA's forwarded-tcpip channel, which connects to the local
 * destination, counting for its forward what the server's client sends and what comes back to it.
 */
final class CountedForwardedChannel extends TcpipServerChannel {
    // set once the local destination accepted, before the first byte moves either way
    private volatile ForwardCounters counters;

    CountedForwardedChannel(CloseableExecutorService executor) {
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
        counters.toClients(buffer);
        return super.writePacket(buffer);
    }
}
