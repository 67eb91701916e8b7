package dev.porthole.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.porthole.api.storage.PluginStorage;
import dev.porthole.platform.support.Collected;
import java.io.Closeable;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Plugin migrations and the pool plugins get, on a database that already holds a host table. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PluginStoragesContract {
    private HikariDataSource pool;
    private PluginStorages storages;

    @TempDir
    Path temp;

    /** A fresh, empty database of the suite's kind. */
    abstract HikariDataSource newPool();

    @BeforeAll
    void start() throws SQLException {
        pool = newPool();
        execute("CREATE TABLE host_table (id INT PRIMARY KEY)");
        storages = new PluginStorages(pool);
    }

    @AfterAll
    void stop() {
        pool.close();
    }

    @Test
    void migrations_are_applied_once_and_their_tables_are_usable() throws Exception {
        Map<String, String> migrations = Map.of(
                "V1__greetings.sql",
                "CREATE TABLE greeter_greetings (id INT PRIMARY KEY, text VARCHAR(100));"
                        + " INSERT INTO greeter_greetings VALUES (1, 'hello');",
                "V2__more.sql",
                "ALTER TABLE greeter_greetings ADD COLUMN lang VARCHAR(10);");

        PluginStorage storage;
        try (URLClassLoader loader = pluginLoader("greeter-a", migrations)) {
            storage = storages.open("greeter", loader);
        }
        try (URLClassLoader loader = pluginLoader("greeter-b", migrations)) {
            storages.open("greeter", loader);
        }

        assertThat(storage.migrationHistoryTable()).isEqualTo("flyway_history_greeter");
        try (Connection connection = storage.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO greeter_greetings VALUES (2, 'hi', 'en')");
            assertThat(count(statement, "SELECT COUNT(*) FROM greeter_greetings"))
                    .isEqualTo(2);
            assertThat(count(statement, "SELECT COUNT(*) FROM flyway_history_greeter WHERE success AND version = '1'"))
                    .isEqualTo(1);
        }
    }

    @Test
    void a_broken_migration_is_reported_by_name() throws Exception {
        try (URLClassLoader loader = pluginLoader("broken", Map.of("V1__broken.sql", "CREATE TABLE broken_t ("))) {
            assertThatThrownBy(() -> storages.open("broken", loader))
                    .isInstanceOf(PluginMigrationException.class)
                    .hasMessageStartingWith("migration V1__broken.sql of plugin broken failed: ")
                    .satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase("syntax error"));
        }
    }

    @Test
    void a_plugin_without_migrations_gets_no_history_table() throws Exception {
        PluginStorage storage;
        try (URLClassLoader loader = pluginLoader("plain", Map.of())) {
            storage = storages.open("plain", loader);
        }

        assertThat(tableExists(storage.migrationHistoryTable())).isFalse();
        try (Connection connection = storage.dataSource().getConnection()) {
            assertThat(connection.isValid(2)).isTrue();
        }
    }

    @Test
    void the_plugin_class_loader_is_not_kept() throws Exception {
        WeakReference<ClassLoader> loader = migrateAndDropLoader();

        Collected.await(loader, 20, "the plugin class loader after GC");
        assertThat(tableExists("leaky_t")).isTrue();
    }

    @Test
    void a_plugin_can_neither_close_nor_unwrap_the_pool() throws Exception {
        DataSource dataSource;
        try (URLClassLoader loader = pluginLoader("nosy", Map.of())) {
            dataSource = storages.open("nosy", loader).dataSource();
        }

        assertThat(dataSource).isNotInstanceOf(AutoCloseable.class).isNotInstanceOf(Closeable.class);
        assertThat(dataSource.isWrapperFor(HikariDataSource.class)).isFalse();
        assertThatThrownBy(() -> dataSource.unwrap(HikariDataSource.class)).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> dataSource.setLoginTimeout(1)).isInstanceOf(SQLException.class);
        assertThat(pool.isClosed()).isFalse();
    }

    private WeakReference<ClassLoader> migrateAndDropLoader() throws IOException {
        URLClassLoader loader = pluginLoader("leaky", Map.of("V1__x.sql", "CREATE TABLE leaky_t (id INT);"));
        storages.open("leaky", loader);
        loader.close();
        return new WeakReference<>(loader);
    }

    /** A plugin class loader over a directory holding {@code porthole/migrations/<name>} for each entry. */
    private URLClassLoader pluginLoader(String name, Map<String, String> migrations) throws IOException {
        Path root = Files.createDirectories(temp.resolve(name));
        if (!migrations.isEmpty()) {
            Path dir = Files.createDirectories(root.resolve(PluginStorages.MIGRATIONS));
            for (Map.Entry<String, String> migration : migrations.entrySet()) {
                Files.writeString(dir.resolve(migration.getKey()), migration.getValue());
            }
        }
        return new URLClassLoader(new URL[] {root.toUri().toURL()}, getClass().getClassLoader());
    }

    private boolean tableExists(String table) throws SQLException {
        try (Connection connection = pool.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = ?")) {
            statement.setString(1, table);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1) > 0;
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = pool.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long count(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
