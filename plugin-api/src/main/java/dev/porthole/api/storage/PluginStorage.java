package dev.porthole.api.storage;

import dev.porthole.api.Api;
import javax.sql.DataSource;

/**
 * The plugin's access to the host's database (H2 or PostgreSQL). Before the plugin starts, the host applies the
 * plugin's Flyway migrations, the SQL files under {@code porthole/migrations/} in the plugin (e.g.
 * {@code porthole/migrations/V1__create_greetings.sql}), keeping their history in a table of the plugin's own. Name the
 * plugin's tables with its id as prefix so that they never meet another plugin's.
 */
@Api(since = "0.1.0", stability = Api.Stability.STABLE)
public interface PluginStorage {
    /** {@return pooled connections to the host's database; blocking: use it from handlers and jobs, never hold it long} */
    DataSource dataSource();

    /** {@return the table that records the plugin's applied migrations} */
    String migrationHistoryTable();
}
