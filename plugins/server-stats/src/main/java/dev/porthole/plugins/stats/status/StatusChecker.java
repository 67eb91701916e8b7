package dev.porthole.plugins.stats.status;

import dev.porthole.api.ssh.SshConnections;
import dev.porthole.api.ssh.SshException;
import dev.porthole.plugins.stats.polling.Inventory;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One status check: the host's SSH server is asked for its banner, through its proxies and jump hosts, without a login
 * ({@link dev.porthole.api.ssh.SshTarget#ping()}), which OpenSSH logs as a probe and nothing that fail2ban or sshguard
 * count. Online when it answers, offline otherwise.
 */
public final class StatusChecker {
    private static final Logger LOG = LoggerFactory.getLogger(StatusChecker.class);

    private final Inventory inventory;
    private final SshConnections ssh;
    private final StatusBoard board;
    private final Clock clock;

    public StatusChecker(Inventory inventory, SshConnections ssh, StatusBoard board, Clock clock) {
        this.inventory = inventory;
        this.ssh = ssh;
        this.board = board;
        this.clock = clock;
    }

    /** {@return false when the host left the inventory, so that its checks stop} */
    public boolean check(long hostId) {
        Inventory.Entry entry = inventory.get(hostId).orElse(null);
        if (entry == null) {
            return false;
        }
        String status;
        try {
            ssh.target(entry.owner(), hostId).ping();
            status = HostStatus.ONLINE;
        } catch (SshException e) {
            LOG.debug("host {} is offline: {}", hostId, e.getMessage());
            status = HostStatus.OFFLINE;
        } catch (RuntimeException e) {
            // the owner lost access, or the host went away under the check
            LOG.debug("host {} could not be checked: {}", hostId, e.toString());
            status = HostStatus.OFFLINE;
        }
        if (inventory.get(hostId).isEmpty()) {
            return false;
        }
        board.put(hostId, new HostStatus(status, clock.instant()));
        return true;
    }

    /** A metrics poll logged in: the host is online whatever the last check said. */
    public void loggedIn(long hostId) {
        board.put(hostId, new HostStatus(HostStatus.ONLINE, clock.instant()));
    }
}
