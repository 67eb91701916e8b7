package dev.porthole.platform.storage;

import dev.porthole.api.storage.PluginStorage;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.ClassicConfiguration;
import org.flywaydb.core.api.logging.LogFactory;
import org.flywaydb.core.internal.exception.FlywayMigrateException;

/**
 * Gives each plugin its storage: applies the plugin's Flyway migrations ({@code porthole/migrations/} in the plugin's
 * own jar or directory, not in the plugins it depends on) with a history table of its own, and hands out the host's connection pool behind a wrapper that cannot
 * close or unwrap it. Blocking (database): call it off the event loop.
 */
@Singleton
public class PluginStorages {
    static final String MIGRATIONS = "porthole/migrations";
    private static final String HISTORY_PREFIX = "flyway_history_";
    private static final int MAX_IDENTIFIER = 63; // PostgreSQL's limit

    private final DataSource pool;

    PluginStorages(DataSource dataSource) {
        // the raw pool: Micronaut Data's contextual proxy only works inside a transaction or @Connectable
        this.pool = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    /**
     * Migrates the plugin's schema and returns its storage. A plugin without a {@code porthole/migrations/} resource is
     * left alone (no history table is made). Its class loader is not kept.
     *
     * @throws PluginMigrationException naming the migration that failed and the database's reason
     */
    public PluginStorage open(String pluginId, ClassLoader pluginLoader) {
        String table = historyTable(pluginId);
        ClassLoader ownMigrations = OwnMigrations.of(pluginLoader);
        if (ownMigrations.getResource(MIGRATIONS) != null) {
            migrate(pluginId, ownMigrations, table);
        }
        return new Storage(new PluginDataSource(pool), table);
    }

    /** {@code flyway_history_} and the id lowercased, anything outside {@code [a-z0-9_]} made {@code _}. */
    static String historyTable(String pluginId) {
        String name = HISTORY_PREFIX + pluginId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return name.length() > MAX_IDENTIFIER ? name.substring(0, MAX_IDENTIFIER) : name;
    }

    private void migrate(String pluginId, ClassLoader pluginLoader, String table) {
        try {
            Flyway.configure(pluginLoader)
                    .dataSource(pool)
                    .locations("classpath:" + MIGRATIONS)
                    .table(table)
                    // the schema already holds the host's tables, so it is never empty to Flyway
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .baselineDescription("before " + pluginId)
                    .load()
                    .migrate();
        } catch (FlywayMigrateException e) {
            throw new PluginMigrationException(
                    "migration " + e.getMigration().getScript() + " of plugin " + pluginId + " failed: " + reason(e),
                    e);
        } catch (FlywayException e) {
            throw new PluginMigrationException(
                    "the migrations of plugin " + pluginId + " failed: " + e.getMessage(), e);
        } finally {
            // Flyway keeps the last configuration, and with it the plugin's class loader, in a static field
            LogFactory.setConfiguration(new ClassicConfiguration(PluginStorages.class.getClassLoader()));
        }
    }

    /** The database's own words, without Flyway's multi-line report around them. */
    private static String reason(FlywayMigrateException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException) {
                return cause.getMessage();
            }
        }
        return e.getMessage();
    }

    private record Storage(DataSource dataSource, String migrationHistoryTable) implements PluginStorage {}
}
