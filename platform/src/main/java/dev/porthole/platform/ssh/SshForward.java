package dev.porthole.platform.ssh;

import dev.porthole.api.ssh.Forward;
import dev.porthole.api.ssh.ForwardTraffic;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.forward.PortForwardingTracker;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MINA forwarding tracker as a plugin's handle; it holds its connection's lease until closed. It stops when closed
 * or when its session closes (a broken connection, or any hop of it, ends the target's session), and then runs the
 * close actions once.
 */
final class SshForward implements Forward {
    private static final Logger LOG = LoggerFactory.getLogger(SshForward.class);
    static final String KEEPALIVE = "keepalive@openssh.com";

    private final Kind kind;
    private final PortForwardingTracker tracker;
    private final InetSocketAddress bound;
    private final ConnectionPool.Lease lease;
    private final ForwardCounters counters;
    private final List<Runnable> onClose = new ArrayList<>();
    private boolean stopped;

    SshForward(
            Kind kind,
            PortForwardingTracker tracker,
            InetSocketAddress bound,
            ConnectionPool.Lease lease,
            ForwardCounters counters) {
        this.kind = kind;
        this.tracker = tracker;
        this.bound = bound;
        this.lease = lease;
        this.counters = counters;
        lease.session().addCloseFutureListener(future -> stopped());
    }

    @Override
    public Kind kind() {
        return kind;
    }

    @Override
    public InetSocketAddress boundAddress() {
        return bound;
    }

    @Override
    public boolean isOpen() {
        return tracker.isOpen() && lease.session().isOpen();
    }

    @Override
    public ForwardTraffic traffic() {
        return counters.snapshot();
    }

    @Override
    public void onClose(Runnable action) {
        synchronized (this) {
            if (!stopped) {
                onClose.add(action);
                return;
            }
        }
        action.run();
    }

    @Override
    public boolean probe(Duration timeout) {
        ClientSession session = lease.session();
        if (!session.isOpen()) {
            return false;
        }
        try {
            Buffer request = session.createBuffer(SshConstants.SSH_MSG_GLOBAL_REQUEST);
            request.putString(KEEPALIVE);
            request.putBoolean(true);
            // a failure reply (OpenSSH's answer to this request) is an answer all the same: the peer is alive
            session.request(KEEPALIVE, request, Math.max(1, timeout.toMillis()));
            return true;
        } catch (SocketTimeoutException e) {
            // the plugin that probes says which of its things this was
            LOG.debug("forward on {}: no keepalive answer within {}; closing its connection", bound, timeout);
            session.close(true);
            return false;
        } catch (IOException e) {
            session.close(true);
            return false;
        }
    }

    @Override
    public void close() {
        try {
            if (kind == Kind.REMOTE) {
                // MINA 2.16's tracker cancels by the port it asked for, which for port 0 cancels nothing: by the
                // port the server listens on, then; the tracker's own cancel finds nothing left to do
                lease.session().stopRemotePortForwarding(new SshdSocketAddress(bound.getHostString(), bound.getPort()));
            }
            tracker.close();
        } catch (IOException e) {
            // the connection is gone already; nothing is left listening
        } finally {
            lease.close();
            stopped();
        }
    }

    private void stopped() {
        List<Runnable> actions;
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            actions = List.copyOf(onClose);
            onClose.clear();
        }
        for (Runnable action : actions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.warn("a close action of a {} forward failed", kind, e);
            }
        }
    }
}
