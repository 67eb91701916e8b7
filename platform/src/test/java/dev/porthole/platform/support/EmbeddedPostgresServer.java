package dev.porthole.platform.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * One real PostgreSQL server per test JVM (zonky's embedded binaries), with a new database for each suite. Its data
 * directory is known so that tests can read the raw bytes PostgreSQL wrote.
 */
public final class EmbeddedPostgresServer {
    public static final String USER = "postgres";
    private static EmbeddedPostgresServer instance;

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedPostgresServer() throws IOException {
        this.dataDirectory = Files.createTempDirectory("porthole-pg");
        this.postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(true)
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (IOException ignored) {
                // the JVM is going away; the temp directory is cleaned by the builder
            }
        }));
    }

    public static synchronized EmbeddedPostgresServer get() {
        if (instance == null) {
            try {
                instance = new EmbeddedPostgresServer();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL server", e);
            }
        }
        return instance;
    }

    /** Creates an empty database and returns its JDBC URL. */
    public String createDatabase() {
        String name = "porthole_" + UUID.randomUUID().toString().replace("-", "");
        execute("CREATE DATABASE " + name);
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + name;
    }

    /** Forces PostgreSQL to write everything to its data files, so that a test can read them. */
    public void checkpoint() {
        execute("CHECKPOINT");
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    private void execute(String sql) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed", e);
        }
    }
}
