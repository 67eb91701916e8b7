package dev.porthole.platform.ssh;

import dev.porthole.api.ssh.ConnectionStage;
import dev.porthole.api.ssh.ExecListener;
import dev.porthole.api.ssh.ExecRequest;
import dev.porthole.api.ssh.ExecResult;
import dev.porthole.api.ssh.Forward;
import dev.porthole.api.ssh.SshBanner;
import dev.porthole.api.ssh.SshException;
import dev.porthole.api.ssh.SshStream;
import dev.porthole.api.ssh.SshTarget;
import dev.porthole.api.ssh.TcpAcceptor;
import dev.porthole.api.ssh.TcpChannel;
import dev.porthole.api.ssh.TcpReceiver;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.sshd.client.channel.ChannelDirectTcpip;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.forward.PortForwardingTracker;
import org.apache.sshd.common.channel.exception.SshChannelOpenException;
import org.apache.sshd.common.util.net.SshdSocketAddress;

/**
 * A target as one caller reaches it. Each operation leases a channel slot from the pool; when the leased connection
 * turns out to be broken, it is dropped and the operation is tried once more on a fresh one.
 */
final class HostSshTarget implements SshTarget {
    private static final int OPEN_ATTEMPTS = 5;
    private static final long OPEN_RETRY_PAUSE_MS = 20;

    private final DefaultSshConnections ssh;
    private final ConnectPlan plan;
    private final long userId;
    // the log of the latest connection this target opened; a plugin shows it to the user who connected
    private volatile ConnectionLog lastLog;

    HostSshTarget(DefaultSshConnections ssh, ConnectPlan plan, long userId) {
        this.ssh = ssh;
        this.plan = plan;
        this.userId = userId;
    }

    @Override
    public long hostId() {
        return plan.target().hostId();
    }

    @Override
    public void connect() {
        lease(ConnectionPool.Slot.SESSION).close();
    }

    @Override
    public int closeIdle() {
        return ssh.closeIdle(plan);
    }

    @Override
    public SshBanner ping() {
        ConnectionLog log = new ConnectionLog();
        lastLog = log;
        return ssh.ping(plan, userId, log);
    }

    @Override
    public List<ConnectionStage> connectionLog() {
        ConnectionLog log = lastLog;
        if (log == null) {
            return List.of();
        }
        return log.entries().stream()
                .map(e -> new ConnectionStage(
                        e.stage(),
                        e.hostId(),
                        e.outcome(),
                        e.durationMs(),
                        e.message() == null ? "" : e.message(),
                        Optional.ofNullable(e.code())))
                .toList();
    }

    private ConnectionPool.Lease lease(ConnectionPool.Slot kind) {
        return ssh.lease(
                plan,
                userId,
                () -> {
                    ConnectionLog log = new ConnectionLog();
                    lastLog = log;
                    return log;
                },
                kind);
    }

    @Override
    public ExecResult exec(ExecRequest request) {
        Objects.requireNonNull(request, "request");
        return withSession(session -> ssh.exec().buffered(session, request));
    }

    @Override
    public ExecResult exec(ExecRequest request, ExecListener listener) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(listener, "listener");
        return withSession(session -> ssh.exec().streamed(session, request, listener));
    }

    @Override
    public Forward localForward(String bindHost, int bindPort, String remoteHost, int remotePort) {
        return forward(
                Forward.Kind.LOCAL,
                session -> session.createLocalPortForwardingTracker(
                        new SshdSocketAddress(bindHost, bindPort), new SshdSocketAddress(remoteHost, remotePort)));
    }

    @Override
    public Forward remoteForward(String remoteBindHost, int remoteBindPort, String localHost, int localPort) {
        return forward(
                Forward.Kind.REMOTE,
                session -> session.createRemotePortForwardingTracker(
                        new SshdSocketAddress(remoteBindHost, remoteBindPort),
                        new SshdSocketAddress(localHost, localPort)));
    }

    @Override
    public Forward remoteForward(String remoteBindHost, int remoteBindPort, TcpAcceptor acceptor) {
        Objects.requireNonNull(acceptor, "acceptor");
        return forward(Forward.Kind.REMOTE, session -> CountingForwarder.of(session)
                .acceptOn(session, new SshdSocketAddress(remoteBindHost, remoteBindPort), acceptor));
    }

    @Override
    public Forward dynamicForward(String bindHost, int bindPort) {
        return forward(
                Forward.Kind.DYNAMIC,
                session -> session.createDynamicPortForwardingTracker(new SshdSocketAddress(bindHost, bindPort)));
    }

    @Override
    public SshStream openStream(String command) {
        Objects.requireNonNull(command, "command");
        return held(lease -> {
            ChannelExec channel = lease.session().createExecChannel(command);
            TailBuffer stderr = new TailBuffer(64 * 1024);
            channel.setErr(stderr);
            channel.open().verify(ssh.configuration().connectTimeout());
            return new ChannelStream(channel, stderr, lease);
        });
    }

    @Override
    public TcpChannel openTcp(String host, int port, TcpReceiver receiver) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(receiver, "receiver");
        return held(ConnectionPool.Slot.TCP, lease -> {
            // the originator a server logs for a direct-tcpip open; nothing listens there
            ChannelDirectTcpip channel = lease.session()
                    .createDirectTcpipChannel(new SshdSocketAddress("127.0.0.1", 0), new SshdSocketAddress(host, port));
            channel.setStreaming(ClientChannel.Streaming.Async);
            channel.open().verify(ssh.configuration().connectTimeout());
            return SshTcpChannel.start(channel, lease, receiver);
        });
    }

    private Forward forward(Forward.Kind kind, SessionCall<PortForwardingTracker> start) {
        return held(lease -> {
            PortForwardingTracker tracker;
            try {
                tracker = start.call(lease.session());
            } catch (IOException e) {
                if (!listenRefused(e)) {
                    throw e;
                }
                throw new SshException(
                        SshException.Code.LISTEN_REFUSED,
                        kind == Forward.Kind.REMOTE
                                ? "host " + hostId() + " refused to listen there (the port is in use or not allowed)"
                                : "cannot listen here: " + e.getMessage());
            }
            SshdSocketAddress bound = tracker.getBoundAddress();
            return new SshForward(
                    kind, tracker, bound.toInetSocketAddress(), lease, counters(lease.session(), kind, bound));
        });
    }

    /** {@return the counters MINA's forwarder of {@code session} keeps for the forward bound at {@code bound}} */
    private static ForwardCounters counters(ClientSession session, Forward.Kind kind, SshdSocketAddress bound) {
        CountingForwarder forwarder = CountingForwarder.of(session);
        return kind == Forward.Kind.REMOTE ? forwarder.forwardedFrom(bound.getPort()) : forwarder.listeningOn(bound);
    }

    /** Runs {@code call} on a leased session and gives the lease back. */
    private <T> T withSession(SessionCall<T> call) {
        return held(ConnectionPool.Slot.SESSION, lease -> {
            try (lease) {
                return call.call(lease.session());
            }
        });
    }

    /** Runs {@code call} with a lease it keeps on success (a forward, a stream); retried once on a broken session. */
    private <T> T held(LeaseCall<T> call) {
        return held(ConnectionPool.Slot.SESSION, call);
    }

    private <T> T held(ConnectionPool.Slot kind, LeaseCall<T> call) {
        for (int attempt = 1; ; attempt++) {
            ConnectionPool.Lease lease = lease(kind);
            try {
                return call.call(lease);
            } catch (IOException | IllegalStateException e) {
                lease.close();
                boolean broken = !lease.session().isOpen() || lease.session().isClosing();
                if (broken && attempt == 1) {
                    continue;
                }
                // a refused TCP channel is the destination refusing, which a retry does not change
                if (!broken && kind == ConnectionPool.Slot.SESSION && openRefused(e) && attempt < OPEN_ATTEMPTS) {
                    pause(attempt);
                    continue;
                }
                throw new SshException(
                        SshException.Code.CHANNEL_FAILED,
                        (broken ? "the connection to host " + hostId() + " broke: " : "host " + hostId() + ": ")
                                + e.getMessage());
            } catch (RuntimeException e) {
                lease.close();
                throw e;
            }
        }
    }

    /** A bind that failed here, or a remote listen the server denied: the port is taken or not allowed. */
    private static boolean listenRefused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException
                    || (t instanceof org.apache.sshd.common.SshException
                            && String.valueOf(t.getMessage()).contains("forwarding request denied"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * OpenSSH frees a closed session only after handling every packet read with the close, so an open sent right behind
     * a close can find its MaxSessions table still full and be refused. A refused open ran nothing, so it is retried.
     */
    private static boolean openRefused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SshChannelOpenException) {
                return true;
            }
        }
        return false;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(OPEN_RETRY_PAUSE_MS * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SshException(SshException.Code.CHANNEL_FAILED, "interrupted while opening a channel");
        }
    }

    @FunctionalInterface
    private interface SessionCall<T> {
        T call(ClientSession session) throws IOException;
    }

    @FunctionalInterface
    private interface LeaseCall<T> {
        T call(ConnectionPool.Lease lease) throws IOException;
    }
}
