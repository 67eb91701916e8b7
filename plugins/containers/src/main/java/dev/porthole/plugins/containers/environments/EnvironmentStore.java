package dev.porthole.plugins.containers.environments;

import dev.porthole.api.Json;
import dev.porthole.plugins.containers.errors.ContainerError;
import dev.porthole.plugins.containers.errors.ErrorCode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The environments, in the plugin's table and cached in memory: every container request resolves one, so a lookup
 * never touches the database. Writes go to the database first, then to the cache; a name taken twice is a 409.
 */
public final class EnvironmentStore {
    private static final String COLUMNS = "id, name, runtime, host_id, endpoint, revision, created_at";

    private final DataSource database;
    private final Json json;
    private final Map<Long, Environment> byId = new ConcurrentHashMap<>();

    private EnvironmentStore(DataSource database, Json json) {
        this.database = database;
        this.json = json;
    }

    public static EnvironmentStore load(DataSource database, Json json) {
        EnvironmentStore store = new EnvironmentStore(database, json);
        try (Connection connection = database.getConnection();
                PreparedStatement select =
                        connection.prepareStatement("SELECT " + COLUMNS + " FROM containers_environments");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                Environment environment = store.row(rows);
                store.byId.put(environment.id(), environment);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the containers environments", e);
        }
        return store;
    }

    /** {@return every environment, by id} */
    public List<Environment> all() {
        return byId.values().stream()
                .sorted(Comparator.comparingLong(Environment::id))
                .toList();
    }

    public Optional<Environment> find(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Stores a new environment; {@code id}, {@code revision} and {@code createdAt} of {@code draft} are ignored. */
    public synchronized Environment create(Environment draft, long now) {
        requireFreeName(draft.name(), -1);
        try (Connection connection = database.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO containers_environments (name, runtime, host_id, endpoint, revision, created_at)"
                                + " VALUES (?, ?, ?, ?, 1, ?)",
                        Statement.RETURN_GENERATED_KEYS)) {
            bind(insert, draft);
            insert.setLong(5, now);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                Environment created = new Environment(
                        keys.getLong(1), draft.name(), draft.runtime(), draft.hostId(), draft.endpoint(), 1, now);
                byId.put(created.id(), created);
                return created;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store environment '" + draft.name() + "'", e);
        }
    }

    /** Replaces the environment's settings with {@code next}'s and raises its revision. */
    public synchronized Environment update(Environment current, Environment next) {
        requireFreeName(next.name(), current.id());
        try (Connection connection = database.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE containers_environments SET name = ?, runtime = ?, host_id = ?, endpoint = ?,"
                                + " revision = revision + 1 WHERE id = ?")) {
            bind(update, next);
            update.setLong(5, current.id());
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store environment " + current.id(), e);
        }
        Environment updated = new Environment(
                current.id(),
                next.name(),
                next.runtime(),
                next.hostId(),
                next.endpoint(),
                current.revision() + 1,
                current.createdAt());
        byId.put(updated.id(), updated);
        return updated;
    }

    /** Deletes the environment; its permissions go with it. */
    public synchronized void delete(long id) {
        try (Connection connection = database.getConnection();
                PreparedStatement delete =
                        connection.prepareStatement("DELETE FROM containers_environments WHERE id = ?")) {
            delete.setLong(1, id);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete environment " + id, e);
        }
        byId.remove(id);
    }

    private void requireFreeName(String name, long exceptId) {
        boolean taken = byId.values().stream()
                .anyMatch(e -> e.id() != exceptId && e.name().equals(name));
        if (taken) {
            throw new ContainerError(
                    ErrorCode.ENVIRONMENT_NAME_TAKEN,
                    "name: an environment named '" + name + "' exists already",
                    Map.of("field", "name"));
        }
    }

    private void bind(PreparedStatement statement, Environment environment) throws SQLException {
        statement.setString(1, environment.name());
        statement.setString(2, environment.runtime());
        if (environment.hostId().isPresent()) {
            statement.setLong(3, environment.hostId().get());
        } else {
            statement.setNull(3, Types.BIGINT);
        }
        statement.setString(4, json.write(new LinkedHashMap<>(environment.endpoint())));
    }

    private Environment row(ResultSet rows) throws SQLException {
        long hostId = rows.getLong(4);
        Optional<Long> host = rows.wasNull() ? Optional.empty() : Optional.of(hostId);
        Map<String, String> endpoint = new LinkedHashMap<>();
        if (json.read(rows.getString(5)) instanceof Map<?, ?> stored) {
            stored.forEach((k, v) -> endpoint.put(String.valueOf(k), String.valueOf(v)));
        }
        return new Environment(
                rows.getLong(1),
                rows.getString(2),
                rows.getString(3),
                host,
                endpoint,
                rows.getLong(6),
                rows.getLong(7));
    }
}
