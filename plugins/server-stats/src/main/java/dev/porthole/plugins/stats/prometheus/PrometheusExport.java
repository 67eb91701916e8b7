package dev.porthole.plugins.stats.prometheus;

import dev.porthole.api.hosts.Host;
import dev.porthole.plugins.stats.collect.HostMetrics;
import dev.porthole.plugins.stats.metrics.MetricsBoard;
import dev.porthole.plugins.stats.metrics.MetricsPoller;
import dev.porthole.plugins.stats.metrics.PollTimes;
import dev.porthole.plugins.stats.status.StatusBoard;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every host's latest figures in the Prometheus text format, written by the Prometheus client library: gauges named
 * {@code porthole_host_*} with the base units Prometheus asks for (ratios, bytes, seconds), labelled {@code host_id}
 * and {@code host} (plus {@code mountpoint}, {@code fstype}, {@code device} or {@code interface}), and the poller's own
 * counters as {@code porthole_stats_*}. A host without a snapshot has only {@code porthole_host_up}.
 */
public final class PrometheusExport {
    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;
    private static final PrometheusTextFormatWriter WRITER = PrometheusTextFormatWriter.create();

    private final StatusBoard statuses;
    private final MetricsBoard snapshots;
    private final MetricsPoller poller;

    public PrometheusExport(StatusBoard statuses, MetricsBoard snapshots, MetricsPoller poller) {
        this.statuses = statuses;
        this.snapshots = snapshots;
        this.poller = poller;
    }

    /** The exposition of these hosts (those the caller may see). */
    public byte[] write(List<Host> hosts) {
        Families families = new Families();
        for (Host host : hosts) {
            Labels labels = Labels.of("host_id", Long.toString(host.id()), "host", host.name());
            statuses.get(host.id())
                    .ifPresent(status -> families.gauge(
                            "porthole_host_up",
                            "1 when the host's SSH server answered its last check",
                            labels,
                            status.online() ? 1 : 0));
            snapshots.get(host.id()).ifPresent(snapshot -> host(families, labels, snapshot));
        }
        poller(families);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            WRITER.write(out, families.snapshots());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void host(Families f, Labels labels, MetricsBoard.Snapshot snapshot) {
        HostMetrics m = snapshot.metrics();
        f.gauge(
                "porthole_host_metrics_timestamp_seconds",
                "When the host's metrics were collected",
                labels,
                snapshot.collectedAt().toEpochMilli() / 1000.0);
        f.gauge(
                "porthole_host_cpu_usage_ratio",
                "Busy share of the host's CPUs during the last poll",
                labels,
                m.cpu().usageRatio());
        f.gauge("porthole_host_cpu_cores", "Online processors", labels, m.cpu().cores());
        List<Double> load = m.cpu().load();
        if (load != null && load.size() == 3) {
            f.gauge("porthole_host_load1", "1-minute load average", labels, load.get(0));
            f.gauge("porthole_host_load5", "5-minute load average", labels, load.get(1));
            f.gauge("porthole_host_load15", "15-minute load average", labels, load.get(2));
        }
        f.gauge(
                "porthole_host_memory_total_bytes",
                "MemTotal",
                labels,
                m.memory().totalBytes());
        f.gauge(
                "porthole_host_memory_used_bytes",
                "MemTotal minus MemAvailable",
                labels,
                m.memory().usedBytes());
        for (HostMetrics.Filesystem fs : m.disk().filesystems()) {
            Labels fsLabels = labels.add("mountpoint", fs.mount())
                    .add("fstype", nonNull(fs.type()))
                    .add("device", nonNull(fs.filesystem()));
            f.gauge("porthole_host_filesystem_size_bytes", "File system size", fsLabels, fs.totalBytes());
            f.gauge("porthole_host_filesystem_used_bytes", "File system space used", fsLabels, fs.usedBytes());
            f.gauge(
                    "porthole_host_filesystem_avail_bytes",
                    "File system space available to users",
                    fsLabels,
                    fs.availableBytes());
        }
        for (HostMetrics.Interface i : m.network().interfaces()) {
            Labels ifLabels = labels.add("interface", i.name());
            f.counter("porthole_host_network_receive_bytes", "Bytes the interface received", ifLabels, i.rxByteCount());
            f.counter("porthole_host_network_transmit_bytes", "Bytes the interface sent", ifLabels, i.txByteCount());
        }
        f.gauge(
                "porthole_host_uptime_seconds",
                "Time since the host booted",
                labels,
                m.uptime().seconds());
        f.gauge("porthole_host_processes", "Processes", labels, m.processes().total());
        f.gauge(
                "porthole_host_processes_running",
                "Processes in state R",
                labels,
                m.processes().running());
        f.gauge(
                "porthole_host_listening_ports",
                "Listening TCP and UDP sockets",
                labels,
                m.ports().ports().size());
        f.gauge(
                "porthole_host_temperature_celsius",
                "The hottest sensor",
                labels,
                m.temperature().highestCelsius());
    }

    private void poller(Families f) {
        MetricsPoller.Counters counters = poller.counters();
        f.counter("porthole_stats_metrics_polls", "Metrics polls started", Labels.EMPTY, counters.polls());
        f.counter("porthole_stats_metrics_execs", "SSH execs the metrics polls ran", Labels.EMPTY, counters.execs());
        f.counter(
                "porthole_stats_metrics_poll_failures", "Metrics polls that failed", Labels.EMPTY, counters.failures());
        PollTimes.Summary times = counters.times();
        SummarySnapshot.SummaryDataPointSnapshot.Builder point = SummarySnapshot.SummaryDataPointSnapshot.builder()
                .count(times.count())
                .sum(times.sumSeconds());
        if (times.count() > 0) {
            point.quantiles(Quantiles.of(
                    new Quantile(0.5, times.p50()), new Quantile(0.9, times.p90()), new Quantile(0.99, times.p99())));
        }
        f.add(SummarySnapshot.builder()
                .name("porthole_stats_metrics_poll_duration_seconds")
                .help("How long metrics polls took (quantiles over the last 4096)")
                .dataPoint(point.build())
                .build());
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }

    /** The families of one scrape, each with its data points, in the order first seen. */
    private static final class Families {
        private final Map<String, GaugeSnapshot.Builder> gauges = new LinkedHashMap<>();
        private final Map<String, CounterSnapshot.Builder> counters = new LinkedHashMap<>();
        private final List<MetricSnapshot> others = new ArrayList<>();

        void gauge(String name, String help, Labels labels, Number value) {
            if (value == null) {
                return;
            }
            gauges.computeIfAbsent(name, n -> GaugeSnapshot.builder().name(n).help(help))
                    .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                            .labels(labels)
                            .value(value.doubleValue())
                            .build());
        }

        void counter(String name, String help, Labels labels, Number value) {
            if (value == null) {
                return;
            }
            counters.computeIfAbsent(
                            name, n -> CounterSnapshot.builder().name(n).help(help))
                    .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                            .labels(labels)
                            .value(value.doubleValue())
                            .build());
        }

        void add(MetricSnapshot snapshot) {
            others.add(snapshot);
        }

        MetricSnapshots snapshots() {
            List<MetricSnapshot> all = new ArrayList<>();
            gauges.values().forEach(builder -> all.add(builder.build()));
            counters.values().forEach(builder -> all.add(builder.build()));
            all.addAll(others);
            return new MetricSnapshots(all);
        }
    }
}
