package dev.porthole.docker.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link DuplexStream} dressed as a connected {@link Socket}, which is what HttpClient's connections bind to. Only
 * what HttpClient uses is implemented: the streams, read timeouts, half-close and close. TCP options (linger, no-delay)
 * have no meaning on a pipe and are ignored.
 */
final class DuplexStreamSocket extends Socket {
    private static final AtomicLong IDS = new AtomicLong();
    private static final int BUFFER = 64 * 1024;

    private final DuplexStream stream;
    private final PumpedInputStream in;
    private final InetSocketAddress remote;
    private volatile boolean closed;
    private volatile boolean outputShutdown;
    private volatile boolean inputShutdown;

    DuplexStreamSocket(DuplexStream stream) {
        this.stream = stream;
        long id = IDS.incrementAndGet();
        this.remote = InetSocketAddress.createUnresolved("dial-stdio-" + id, 0);
        this.in = new PumpedInputStream(stream.in(), BUFFER);
        in.start("docker-dial-stdio-" + id);
    }

    /** How the command behind this socket ended, if it has ended within {@code wait}. */
    Optional<StreamExit> awaitExit(Duration wait) throws InterruptedException {
        return stream.awaitExit(wait);
    }

    @Override
    public InputStream getInputStream() throws IOException {
        ensureOpen();
        return in;
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        ensureOpen();
        return stream.out();
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        if (timeout < 0) {
            throw new IllegalArgumentException("timeout < 0");
        }
        in.timeoutMillis(timeout);
    }

    @Override
    public int getSoTimeout() {
        return in.timeoutMillis();
    }

    @Override
    public void setSoLinger(boolean on, int linger) {
        // Closing the stream is immediate; there is no TCP linger to set.
    }

    @Override
    public void setTcpNoDelay(boolean on) {
        // HttpClient flushes whole messages; the stream has no Nagle to turn off.
    }

    @Override
    public void setKeepAlive(boolean on) {
        // Liveness of the transport below is the stream's business (SSH keepalive), not a socket option.
    }

    @Override
    public void shutdownOutput() throws IOException {
        outputShutdown = true;
        stream.out().close();
    }

    @Override
    public void shutdownInput() {
        inputShutdown = true;
        in.close();
    }

    @Override
    public boolean isOutputShutdown() {
        return outputShutdown;
    }

    @Override
    public boolean isInputShutdown() {
        return inputShutdown;
    }

    @Override
    public boolean isConnected() {
        return true;
    }

    @Override
    public boolean isBound() {
        return true;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return remote;
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return null;
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        in.close();
        stream.close();
    }

    private void ensureOpen() throws SocketException {
        if (closed) {
            throw new SocketException("Socket is closed");
        }
    }

    @Override
    public String toString() {
        return "DuplexStreamSocket[" + remote.getHostString() + (closed ? ", closed]" : "]");
    }
}
