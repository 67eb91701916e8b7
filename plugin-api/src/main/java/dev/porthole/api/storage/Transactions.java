package dev.porthole.api.storage;

import dev.porthole.api.Api;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Work on the plugin's database that must happen whole or not at all. Blocking (database): off the event loop. */
@Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
public final class Transactions {
    private Transactions() {}

    /** Statements that run on one connection, in one transaction. */
    @Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
    @FunctionalInterface
    public interface Work {
        /**
         * @param connection the transaction's connection; do not commit, roll back or close it
         * @throws SQLException to roll the transaction back
         */
        void run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws, whose exception then
     * comes out unchanged.
     *
     * @param database e.g. {@link PluginStorage#dataSource()}
     * @param work the statements
     * @throws SQLException from the work, or when the database cannot be reached or cannot commit
     */
    public static void inOne(DataSource database, Work work) throws SQLException {
        try (Connection connection = database.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                work.run(connection);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }
}
