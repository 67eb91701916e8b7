package dev.porthole.platform.ssh;

import dev.porthole.api.ssh.Forward;
import java.io.IOException;
import java.net.InetSocketAddress;
import org.apache.sshd.client.session.forward.PortForwardingTracker;

/** A MINA forwarding tracker as a plugin's handle; it holds its connection's lease until closed. */
final class SshForward implements Forward {
    private final Kind kind;
    private final PortForwardingTracker tracker;
    private final InetSocketAddress bound;
    private final ConnectionPool.Lease lease;

    SshForward(Kind kind, PortForwardingTracker tracker, InetSocketAddress bound, ConnectionPool.Lease lease) {
        this.kind = kind;
        this.tracker = tracker;
        this.bound = bound;
        this.lease = lease;
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
    public void close() {
        try {
            tracker.close();
        } catch (IOException e) {
            // the connection is gone already; nothing is left listening
        } finally {
            lease.close();
        }
    }
}
