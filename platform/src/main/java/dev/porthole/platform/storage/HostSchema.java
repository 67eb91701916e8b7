package dev.porthole.platform.storage;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings the host's tables to the migrations in {@code db/migration} (Flyway) when the pool is made, before anything
 * uses it. A restart on a schema that is already current skips Flyway: configuring it (it copies its extensions
 * through Jackson) and scanning the jar for migrations is about a third of a second of every start
 * (docs/performance.md), and one read of its history table says the same.
 */
@Singleton
final class HostSchema implements BeanCreatedEventListener<DataSource> {
    /** The newest migration's version; HostSchemaTest fails when a migration is added and this is not raised. */
    static final String LATEST = "2";

    static final String LOCATION = "classpath:db/migration";

    @Override
    public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
        // the raw pool: Micronaut Data's contextual wrapper would ask for the DataSource being made
        bringUpToDate(DelegatingDataSource.unwrapDataSource(event.getBean()));
        return event.getBean();
    }

    static void bringUpToDate(DataSource pool) {
        if (!current(pool)) {
            Flyway.configure(HostSchema.class.getClassLoader())
                    .dataSource(pool)
                    .locations(LOCATION)
                    .load()
                    .migrate();
        }
    }

    /** Whether Flyway's history ends at {@link #LATEST} with no failed migration in it. */
    static boolean current(DataSource pool) {
        try (Connection connection = pool.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "select version, success from flyway_schema_history order by installed_rank")) {
            String newest = null;
            while (rows.next()) {
                if (!rows.getBoolean("success")) {
                    return false;
                }
                String version = rows.getString("version");
                newest = version == null ? newest : version;
            }
            return LATEST.equals(newest);
        } catch (SQLException e) {
            // no history table: a new database, which Flyway creates the tables of
            return false;
        }
    }
}
