package dev.porthole.plugins.stats.history;

import dev.porthole.plugins.stats.collect.HostMetrics;
import dev.porthole.plugins.stats.metrics.MetricsBoard;
import java.util.List;

/** A snapshot as one history row: the headline ratios, the 1-minute load and the traffic of all interfaces summed. */
final class HistoryRows {
    private HistoryRows() {}

    static HistoryStore.Row of(MetricsBoard.Snapshot snapshot) {
        HostMetrics m = snapshot.metrics();
        List<Double> load = m.cpu().load();
        return new HistoryStore.Row(
                snapshot.hostId(),
                snapshot.collectedAt(),
                ratio(m.cpu().percent()),
                ratio(m.memory().percent()),
                ratio(m.disk().percent()),
                load == null || load.isEmpty() ? null : load.get(0),
                sum(m.network().interfaces(), true),
                sum(m.network().interfaces(), false));
    }

    private static Double ratio(Integer percent) {
        return percent == null ? null : percent / 100.0;
    }

    /** Null when no interface gave a rate, so that a chart shows a gap rather than a false zero. */
    private static Double sum(List<HostMetrics.Interface> interfaces, boolean received) {
        Double total = null;
        for (HostMetrics.Interface i : interfaces) {
            Long rate = received ? i.rxRateBps() : i.txRateBps();
            if (rate != null) {
                total = (total == null ? 0 : total) + rate;
            }
        }
        return total;
    }
}
