package dev.porthole.plugins.containers.settings;

import dev.porthole.api.Json;
import dev.porthole.api.storage.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The access settings, one JSON row in the plugin's table and held in memory: every request reads {@link #current()}.
 * A saved change applies to the next request.
 */
public final class AccessSettingsStore {
    private static final String KEY = "access";

    private final DataSource database;
    private final Json json;
    private volatile AccessSettings current;

    private AccessSettingsStore(DataSource database, Json json, AccessSettings current) {
        this.database = database;
        this.json = json;
        this.current = current;
    }

    /**
     * @param defaults the settings before an admin saved any
     * @param check refuses stored settings that no longer parse (edited by hand): the defaults apply then
     */
    public static AccessSettingsStore load(
            DataSource database, Json json, AccessSettings defaults, Consumer<AccessSettings> check) {
        AccessSettings settings = defaults;
        try (Connection connection = database.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT setting_value FROM containers_settings WHERE setting_key = ?")) {
            select.setString(1, KEY);
            try (ResultSet rows = select.executeQuery()) {
                if (rows.next() && json.read(rows.getString(1)) instanceof Map<?, ?> stored) {
                    AccessSettings read = fromJson(stored, defaults);
                    check.accept(read);
                    settings = read;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the containers settings", e);
        } catch (IllegalArgumentException e) {
            org.slf4j.LoggerFactory.getLogger(AccessSettingsStore.class)
                    .warn("stored containers access settings are invalid ({}); using the defaults", e.getMessage());
        }
        return new AccessSettingsStore(database, json, settings);
    }

    public AccessSettings current() {
        return current;
    }

    public synchronized void save(AccessSettings next) {
        String value = json.write(toJson(next));
        try {
            Transactions.inOne(database, connection -> {
                try (PreparedStatement delete =
                                connection.prepareStatement("DELETE FROM containers_settings WHERE setting_key = ?");
                        PreparedStatement insert = connection.prepareStatement(
                                "INSERT INTO containers_settings (setting_key, setting_value) VALUES (?, ?)")) {
                    delete.setString(1, KEY);
                    delete.executeUpdate();
                    insert.setString(1, KEY);
                    insert.setString(2, value);
                    insert.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the containers settings", e);
        }
        current = next;
    }

    public static Map<String, Object> toJson(AccessSettings settings) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("localNetworkAccess", settings.localNetworkAccess());
        body.put("localNetworks", settings.localNetworks());
        body.put("trustedProxies", settings.trustedProxies());
        return body;
    }

    private static AccessSettings fromJson(Map<?, ?> stored, AccessSettings defaults) {
        return new AccessSettings(
                stored.get("localNetworkAccess") instanceof Boolean b ? b : defaults.localNetworkAccess(),
                strings(stored.get("localNetworks"), defaults.localNetworks()),
                strings(stored.get("trustedProxies"), defaults.trustedProxies()));
    }

    private static List<String> strings(Object value, List<String> otherwise) {
        return value instanceof List<?> list
                ? list.stream().map(String::valueOf).toList()
                : otherwise;
    }
}
