package dev.porthole.platform.ssh;

import java.io.IOException;
import java.net.SocketAddress;
import org.apache.sshd.common.future.CloseFuture;
import org.apache.sshd.common.future.SshFutureListener;
import org.apache.sshd.common.io.IoService;
import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.common.io.IoWriteFuture;
import org.apache.sshd.common.util.buffer.Buffer;

/**
 * A connection accepted by a local or dynamic forward, as MINA's forwarding handler sees it: the socket's own session,
 * counting on the way what it carries for the forward. MINA's channel keeps the session it was created with and writes
 * everything for the client through it, and that write is the only place those bytes pass outside MINA's internals.
 */
final class CountedConnection implements IoSession {
    private final IoSession socket;
    private final ForwardCounters counters;
    private final Handshake handshake;

    CountedConnection(IoSession socket, ForwardCounters counters, Handshake handshake) {
        this.socket = socket;
        this.counters = counters;
        this.handshake = handshake;
    }

    void opened() {
        counters.opened();
    }

    void closed() {
        counters.closed();
    }

    void fromClient(int bytes) {
        if (handshake.over()) {
            counters.fromClients(bytes);
        }
    }

    @Override
    public IoWriteFuture writeBuffer(Buffer buffer) throws IOException {
        if (!handshake.takes(buffer)) {
            counters.toClients(buffer.available());
        }
        return socket.writeBuffer(buffer);
    }

    @Override
    public long getId() {
        return socket.getId();
    }

    @Override
    public SocketAddress getAcceptanceAddress() {
        return socket.getAcceptanceAddress();
    }

    @Override
    public SocketAddress getLocalAddress() {
        return socket.getLocalAddress();
    }

    @Override
    public SocketAddress getRemoteAddress() {
        return socket.getRemoteAddress();
    }

    @Override
    public Object getAttribute(Object key) {
        return socket.getAttribute(key);
    }

    @Override
    public Object setAttribute(Object key, Object value) {
        return socket.setAttribute(key, value);
    }

    @Override
    public Object setAttributeIfAbsent(Object key, Object value) {
        return socket.setAttributeIfAbsent(key, value);
    }

    @Override
    public Object removeAttribute(Object key) {
        return socket.removeAttribute(key);
    }

    @Override
    public IoService getService() {
        return socket.getService();
    }

    @Override
    public void shutdownOutputStream() throws IOException {
        socket.shutdownOutputStream();
    }

    @Override
    public void suspendRead() {
        socket.suspendRead();
    }

    @Override
    public void resumeRead() {
        socket.resumeRead();
    }

    @Override
    public CloseFuture close(boolean immediately) {
        return socket.close(immediately);
    }

    @Override
    public void addCloseFutureListener(SshFutureListener<CloseFuture> listener) {
        socket.addCloseFutureListener(listener);
    }

    @Override
    public void removeCloseFutureListener(SshFutureListener<CloseFuture> listener) {
        socket.removeCloseFutureListener(listener);
    }

    @Override
    public boolean isClosed() {
        return socket.isClosed();
    }

    @Override
    public boolean isClosing() {
        return socket.isClosing();
    }

    @Override
    public boolean isOpen() {
        return socket.isOpen();
    }

    @Override
    public String toString() {
        return socket.toString();
    }
}
