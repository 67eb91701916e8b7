package dev.porthole.plugins.stats.settings;

import dev.porthole.api.storage.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntSupplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The global settings, kept in the plugin's table and in memory: the pollers read {@link #current()} on every tick, so
 * a change applies to running schedules at once, without a restart. A stored value that no longer fits the bounds
 * (edited by hand) is logged and replaced by the default.
 */
public final class SettingsStore {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);
    private static final String STATUS = "global_status_check_interval";
    private static final String METRICS = "global_metrics_interval";
    private static final String RETENTION = "metrics_history_retention_days";

    private final DataSource database;
    private volatile GlobalSettings current;

    private SettingsStore(DataSource database, GlobalSettings current) {
        this.database = database;
        this.current = current;
    }

    public static SettingsStore load(DataSource database) {
        Map<String, String> stored = new HashMap<>();
        try (Connection connection = database.getConnection();
                PreparedStatement select =
                        connection.prepareStatement("SELECT setting_key, setting_value FROM server_stats_settings");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                stored.put(rows.getString(1), rows.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the server-stats settings", e);
        }
        GlobalSettings defaults = GlobalSettings.DEFAULTS;
        int status = value(stored, STATUS, defaults::statusCheckInterval);
        int metrics = value(stored, METRICS, defaults::metricsInterval);
        int retention = value(stored, RETENTION, defaults::historyRetentionDays);
        GlobalSettings settings;
        try {
            settings = new GlobalSettings(status, metrics, retention);
        } catch (IllegalArgumentException e) {
            LOG.warn("stored server-stats settings are out of bounds ({}); using the defaults", e.getMessage());
            settings = defaults;
        }
        return new SettingsStore(database, settings);
    }

    public GlobalSettings current() {
        return current;
    }

    /** Stores {@code next} and makes it current; synchronized so that two admins' saves never interleave. */
    public synchronized void save(GlobalSettings next) {
        try {
            Transactions.inOne(database, connection -> {
                put(connection, STATUS, next.statusCheckInterval());
                put(connection, METRICS, next.metricsInterval());
                put(connection, RETENTION, next.historyRetentionDays());
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the server-stats settings", e);
        }
        current = next;
    }

    private static void put(Connection connection, String key, int value) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE server_stats_settings SET setting_value = ? WHERE setting_key = ?")) {
            update.setString(1, Integer.toString(value));
            update.setString(2, key);
            if (update.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO server_stats_settings (setting_key, setting_value) VALUES (?, ?)")) {
            insert.setString(1, key);
            insert.setString(2, Integer.toString(value));
            insert.executeUpdate();
        }
    }

    private static int value(Map<String, String> stored, String key, IntSupplier otherwise) {
        String text = stored.get(key);
        if (text == null) {
            return otherwise.getAsInt();
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            LOG.warn("stored server-stats setting {} is not a number; using the default", key);
            return otherwise.getAsInt();
        }
    }
}
