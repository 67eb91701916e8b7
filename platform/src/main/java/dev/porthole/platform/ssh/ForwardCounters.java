package dev.porthole.platform.ssh;

import dev.porthole.api.ssh.ForwardTraffic;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.util.buffer.Buffer;

/**
 * One forward's traffic, counted where MINA moves its bytes (see {@link CountingForwarder}); read by the forward's
 * handle. "Clients" are whoever connects to the forward's listening end, here or on the server.
 */
final class ForwardCounters {
    // the channel data header (RFC 4254 5.2): byte SSH_MSG_CHANNEL_DATA, uint32 recipient channel, uint32 length
    private static final int DATA_LENGTH_OFFSET = 1 + Integer.BYTES;

    private final AtomicLong bytesIn = new AtomicLong();
    private final AtomicLong bytesOut = new AtomicLong();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong total = new AtomicLong();

    void fromClients(long bytes) {
        bytesOut.addAndGet(bytes);
    }

    void toClients(long bytes) {
        bytesIn.addAndGet(bytes);
    }

    /**
     * Counts what an outgoing channel packet carries to the forward's client: channel data, which MINA's channel
     * streams cut into packets; a channel's other packets carry none.
     */
    void toClients(Buffer packet) {
        if (packet.rawByte(packet.rpos()) == SshConstants.SSH_MSG_CHANNEL_DATA) {
            toClients(packet.rawUInt(packet.rpos() + DATA_LENGTH_OFFSET));
        }
    }

    void opened() {
        open.incrementAndGet();
        total.incrementAndGet();
    }

    void closed() {
        open.decrementAndGet();
    }

    ForwardTraffic snapshot() {
        return new ForwardTraffic(bytesIn.get(), bytesOut.get(), open.get(), total.get());
    }
}
