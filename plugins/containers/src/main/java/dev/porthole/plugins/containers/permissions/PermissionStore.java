package dev.porthole.plugins.containers.permissions;

import dev.porthole.api.storage.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The grants of every environment, in the plugin's table and cached in memory: every container request checks one, so
 * a check never touches the database. Writes go to the database first, then to the cache.
 */
public final class PermissionStore {
    private final DataSource database;
    /** environment id → user id → actions */
    private final Map<Long, Map<Long, Set<Permission>>> grants = new ConcurrentHashMap<>();

    private PermissionStore(DataSource database) {
        this.database = database;
    }

    public static PermissionStore load(DataSource database) {
        PermissionStore store = new PermissionStore(database);
        try (Connection connection = database.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT environment_id, user_id, actions FROM containers_permissions");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                store.grants
                        .computeIfAbsent(rows.getLong(1), id -> new ConcurrentHashMap<>())
                        .put(rows.getLong(2), parse(rows.getString(3)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the containers permissions", e);
        }
        return store;
    }

    /** {@return what {@code userId} was granted in the environment; empty when nothing} */
    public Set<Permission> granted(long environmentId, long userId) {
        Set<Permission> actions = grants.getOrDefault(environmentId, Map.of()).get(userId);
        return actions == null ? Set.of() : actions;
    }

    /** {@return every user's grants in the environment, by user id in ascending order} */
    public Map<Long, Set<Permission>> of(long environmentId) {
        Map<Long, Set<Permission>> all = new LinkedHashMap<>();
        grants.getOrDefault(environmentId, Map.of()).entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> all.put(e.getKey(), e.getValue()));
        return all;
    }

    /** Replaces the environment's grants by {@code next}, in one transaction; users not in it lose theirs. */
    public synchronized void replace(long environmentId, Map<Long, Set<Permission>> next) {
        try {
            Transactions.inOne(database, connection -> {
                try (PreparedStatement delete = connection.prepareStatement(
                                "DELETE FROM containers_permissions WHERE environment_id = ?");
                        PreparedStatement insert = connection.prepareStatement(
                                "INSERT INTO containers_permissions (environment_id, user_id, actions) VALUES (?, ?, ?)")) {
                    delete.setLong(1, environmentId);
                    delete.executeUpdate();
                    for (Map.Entry<Long, Set<Permission>> grant : next.entrySet()) {
                        if (grant.getValue().isEmpty()) {
                            continue;
                        }
                        insert.setLong(1, environmentId);
                        insert.setLong(2, grant.getKey());
                        insert.setString(3, format(grant.getValue()));
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the permissions of environment " + environmentId, e);
        }
        Map<Long, Set<Permission>> cached = new ConcurrentHashMap<>();
        next.forEach((user, actions) -> {
            if (!actions.isEmpty()) {
                cached.put(user, Set.copyOf(actions));
            }
        });
        grants.put(environmentId, cached);
    }

    /** The database drops the rows with the environment ({@code ON DELETE CASCADE}); this drops the cache's. */
    public void forget(long environmentId) {
        grants.remove(environmentId);
    }

    private static Set<Permission> parse(String text) {
        Set<Permission> actions = EnumSet.noneOf(Permission.class);
        Arrays.stream(text.split(","))
                .map(String::trim)
                .map(Permission::parse)
                .flatMap(java.util.Optional::stream)
                .forEach(actions::add);
        return Set.copyOf(actions);
    }

    private static String format(Set<Permission> actions) {
        return actions.stream().sorted().map(Permission::word).collect(Collectors.joining(","));
    }
}
