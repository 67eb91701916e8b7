package dev.porthole.examples.hello;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The table {@code hello_greetings}, created by the migration {@code porthole/migrations/V1__hello_greetings.sql}
 * before the plugin starts. Plain JDBC that runs on H2 and PostgreSQL alike.
 */
final class Greetings {
    /** Written as JSON by the host: records by component, {@link Instant} as an ISO-8601 string. */
    record Greeting(long id, String name, String message, String createdBy, Instant createdAt) {}

    private final DataSource dataSource;

    Greetings(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    Greeting add(String name, String message, String createdBy, Instant createdAt) throws SQLException {
        String sql = "INSERT INTO hello_greetings (name, message, created_by, created_at) VALUES (?, ?, ?, ?)";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, name);
            insert.setString(2, message);
            insert.setString(3, createdBy);
            insert.setObject(4, createdAt.atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return new Greeting(keys.getLong("id"), name, message, createdBy, createdAt);
            }
        }
    }

    /** The newest {@code limit} greetings, newest first. */
    List<Greeting> latest(int limit) throws SQLException {
        String sql = "SELECT id, name, message, created_by, created_at FROM hello_greetings ORDER BY id DESC LIMIT ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setInt(1, limit);
            try (ResultSet rows = select.executeQuery()) {
                List<Greeting> greetings = new ArrayList<>();
                while (rows.next()) {
                    greetings.add(new Greeting(
                            rows.getLong("id"),
                            rows.getString("name"),
                            rows.getString("message"),
                            rows.getString("created_by"),
                            rows.getObject("created_at", OffsetDateTime.class).toInstant()));
                }
                return greetings;
            }
        }
    }
}
