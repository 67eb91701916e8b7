package dev.porthole.plugins.stats.history;

import dev.porthole.plugins.stats.metrics.MetricsBoard;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metrics history in the plugin's table. Polls are queued in memory and written in batches by {@link #flush()} (a
 * job), so that a thousand hosts cost one insert statement every few seconds rather than one per poll; rows older than
 * the retention are deleted by {@link #prune()}. A queue that could not be written is kept for the next flush, up to
 * {@link #MAX_QUEUED} rows, beyond which the oldest are dropped (and counted in the log).
 */
public final class HistoryStore {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryStore.class);
    static final int MAX_QUEUED = 100_000;
    /** A chart of more points than this is refused; ask for a longer step. */
    public static final int MAX_POINTS = 2000;

    /** One poll's figures as stored: ratios 0..1. */
    public record Row(
            long hostId,
            Instant at,
            Double cpu,
            Double memory,
            Double disk,
            Double load1,
            Double rxBps,
            Double txBps) {}

    private final DataSource database;
    private final Clock clock;
    private final Supplier<Duration> retention;
    private final ConcurrentLinkedQueue<Row> queue = new ConcurrentLinkedQueue<>();

    public HistoryStore(DataSource database, Clock clock, Supplier<Duration> retention) {
        this.database = database;
        this.clock = clock;
        this.retention = retention;
    }

    public void add(MetricsBoard.Snapshot snapshot) {
        queue.add(HistoryRows.of(snapshot));
        int dropped = 0;
        while (queue.size() > MAX_QUEUED && queue.poll() != null) {
            dropped++;
        }
        if (dropped > 0) {
            LOG.warn("metrics history: {} queued rows dropped, the database has not taken them", dropped);
        }
    }

    /** Writes the queued rows in one batch; on failure they stay queued. */
    public void flush() {
        List<Row> batch = new ArrayList<>();
        for (Row row; (row = queue.poll()) != null; ) {
            batch.add(row);
        }
        if (batch.isEmpty()) {
            return;
        }
        try (Connection connection = database.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO server_stats_history"
                        + " (host_id, sampled_at, cpu_ratio, memory_ratio, disk_ratio, load1, rx_bps, tx_bps)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Row row : batch) {
                insert.setLong(1, row.hostId());
                insert.setLong(2, row.at().toEpochMilli());
                setDouble(insert, 3, row.cpu());
                setDouble(insert, 4, row.memory());
                setDouble(insert, 5, row.disk());
                setDouble(insert, 6, row.load1());
                setDouble(insert, 7, row.rxBps());
                setDouble(insert, 8, row.txBps());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            LOG.warn("metrics history: {} rows not written yet: {}", batch.size(), e.getMessage());
            queue.addAll(batch);
        }
    }

    /** Deletes the rows older than the retention; {@return how many} */
    public int prune() {
        long oldest = clock.instant().minus(retention.get()).toEpochMilli();
        return delete("DELETE FROM server_stats_history WHERE sampled_at < ?", oldest);
    }

    /** Forgets a host that left the inventory, queued rows included. */
    public void deleteHost(long hostId) {
        queue.removeIf(row -> row.hostId() == hostId);
        delete("DELETE FROM server_stats_history WHERE host_id = ?", hostId);
    }

    /**
     * The host's history from {@code from} (inclusive) to {@code to} (exclusive), averaged per {@code step}; steps
     * without a poll are left out. Rows still queued are written first, so a chart includes the latest poll.
     */
    public List<HistoryPoint> query(long hostId, Instant from, Instant to, Duration step) {
        flush();
        long start = from.toEpochMilli();
        long stepMillis = step.toMillis();
        String sql = "SELECT (sampled_at - ?) / ? AS bucket, AVG(cpu_ratio), AVG(memory_ratio), AVG(disk_ratio),"
                + " AVG(load1), AVG(rx_bps), AVG(tx_bps), COUNT(*) FROM server_stats_history"
                + " WHERE host_id = ? AND sampled_at >= ? AND sampled_at < ? GROUP BY bucket ORDER BY bucket";
        List<HistoryPoint> points = new ArrayList<>();
        try (Connection connection = database.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setLong(1, start);
            select.setLong(2, stepMillis);
            select.setLong(3, hostId);
            select.setLong(4, start);
            select.setLong(5, to.toEpochMilli());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    points.add(new HistoryPoint(
                            Instant.ofEpochMilli(start + rows.getLong(1) * stepMillis),
                            percent(rows, 2),
                            percent(rows, 3),
                            percent(rows, 4),
                            number(rows, 5),
                            number(rows, 6),
                            number(rows, 7),
                            rows.getInt(8)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the metrics history of host " + hostId, e);
        }
        return points;
    }

    private int delete(String sql, long value) {
        try (Connection connection = database.getConnection();
                PreparedStatement delete = connection.prepareStatement(sql)) {
            delete.setLong(1, value);
            return delete.executeUpdate();
        } catch (SQLException e) {
            LOG.warn("metrics history: delete failed: {}", e.getMessage());
            return 0;
        }
    }

    private static void setDouble(PreparedStatement statement, int index, Double value) throws SQLException {
        if (value == null || value.isNaN()) {
            statement.setNull(index, Types.DOUBLE);
        } else {
            statement.setDouble(index, value);
        }
    }

    private static Double number(ResultSet rows, int column) throws SQLException {
        double value = rows.getDouble(column);
        return rows.wasNull() ? null : value;
    }

    private static Double percent(ResultSet rows, int column) throws SQLException {
        Double ratio = number(rows, column);
        return ratio == null ? null : Math.round(ratio * 1000) / 10.0;
    }
}
