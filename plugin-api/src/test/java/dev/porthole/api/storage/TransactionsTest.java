package dev.porthole.api.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link Transactions#inOne} on a real database (H2): all of the work or none of it. */
class TransactionsTest {
    private final JdbcDataSource database = new JdbcDataSource();

    @BeforeEach
    void createTable() throws SQLException {
        database.setURL("jdbc:h2:mem:transactions-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        try (Connection connection = database.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE notes (id INT PRIMARY KEY)");
        }
    }

    @Test
    void workThatReturnsIsCommitted() throws SQLException {
        Transactions.inOne(database, connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO notes VALUES (1)");
                statement.executeUpdate("INSERT INTO notes VALUES (2)");
            }
        });

        assertEquals(2, count());
    }

    @Test
    void workThatThrowsLeavesNothingAndItsExceptionComesOut() throws SQLException {
        SQLException duplicate = assertThrows(
                SQLException.class,
                () -> Transactions.inOne(database, connection -> {
                    try (Statement statement = connection.createStatement()) {
                        statement.executeUpdate("INSERT INTO notes VALUES (1)");
                        statement.executeUpdate("INSERT INTO notes VALUES (1)");
                    }
                }));
        IllegalStateException thrown = new IllegalStateException("no");
        IllegalStateException unchecked = assertThrows(
                IllegalStateException.class,
                () -> Transactions.inOne(database, connection -> {
                    try (Statement statement = connection.createStatement()) {
                        statement.executeUpdate("INSERT INTO notes VALUES (3)");
                    }
                    throw thrown;
                }));

        assertTrue(duplicate.getMessage().contains("NOTES"), duplicate.getMessage());
        assertSame(thrown, unchecked);
        assertEquals(0, count());
    }

    private int count() throws SQLException {
        try (Connection connection = database.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM notes")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
