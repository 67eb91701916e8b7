package dev.porthole.platform.ssh;

import dev.porthole.api.ssh.ForwardTraffic;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One forward's traffic, counted where MINA moves its bytes (see {@link CountingForwarder}); read by the forward's
 * handle. "Clients" are whoever connects to the forward's listening end, here or on the server.
 */
final class ForwardCounters {
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
