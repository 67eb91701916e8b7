package dev.porthole.plugins.tunnels.run;

import dev.porthole.api.ssh.Forward;
import dev.porthole.api.ssh.ForwardTraffic;
import dev.porthole.plugins.tunnels.status.TunnelStatus;
import java.time.Duration;
import java.util.List;

/**
 * The forwards of one connected tunnel: one for a single-host tunnel, two for a two-host one (the side that listens,
 * and the one it hands connections to over this server's loopback). The listening one, first, sees the clients, so
 * its traffic is the tunnel's.
 *
 * @param listening where clients connect, for the status ({@code 127.0.0.1:8080 on web-1})
 */
public record Running(List<Forward> forwards, String listening) implements AutoCloseable {
    public Running {
        forwards = List.copyOf(forwards);
    }

    public TunnelStatus.Traffic traffic() {
        ForwardTraffic t = forwards.get(0).traffic();
        return new TunnelStatus.Traffic(t.bytesIn(), t.bytesOut(), t.openConnections(), t.totalConnections());
    }

    /** Runs {@code action} once, when any of the forwards stops. */
    public void onClose(Runnable action) {
        Runnable once = new Runnable() {
            private boolean ran;

            @Override
            public void run() {
                synchronized (this) {
                    if (ran) {
                        return;
                    }
                    ran = true;
                }
                action.run();
            }
        };
        forwards.forEach(f -> f.onClose(once));
    }

    public boolean probe(Duration timeout) {
        return forwards.stream().allMatch(f -> f.probe(timeout));
    }

    @Override
    public void close() {
        forwards.forEach(Forward::close);
    }
}
