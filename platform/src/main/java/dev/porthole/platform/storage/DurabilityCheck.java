package dev.porthole.platform.storage;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns at start-up when the database would lose writes Porthole has already answered 2xx to if a process crashed: an
 * H2 file whose commits wait for a background write ({@code WRITE_DELAY} above 0, H2's own default, e.g. in an H2 URL
 * set by hand) or a PostgreSQL server with {@code synchronous_commit=off}. A warning, not a refusal: the operator may
 * have chosen speed knowingly (docs/configuration.md, ADR 0008).
 */
@Singleton
final class DurabilityCheck implements ApplicationEventListener<StartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(DurabilityCheck.class);

    private final DataSource pool;

    DurabilityCheck(DataSource dataSource) {
        // the raw pool: Micronaut Data's contextual proxy only works inside a transaction or @Connectable
        this.pool = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        try {
            warning().ifPresent(LOG::warn);
        } catch (SQLException e) {
            LOG.warn("could not read the database's commit settings: {}", e.getMessage());
        }
    }

    /** What a crash could lose with this database's settings, or empty when a commit is durable once it returns. */
    Optional<String> warning() throws SQLException {
        try (Connection connection = pool.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName();
            if ("H2".equals(product)) {
                return h2(connection);
            }
            if ("PostgreSQL".equals(product)) {
                return postgres(connection);
            }
            return Optional.empty();
        }
    }

    private static Optional<String> h2(Connection connection) throws SQLException {
        if (connection.getMetaData().getURL().startsWith("jdbc:h2:mem:")) {
            return Optional.empty();
        }
        String delay = value(
                connection, "SELECT setting_value FROM information_schema.settings WHERE setting_name = 'WRITE_DELAY'");
        if ("0".equals(delay)) {
            return Optional.empty();
        }
        return Optional.of("the H2 database writes commits " + delay + " ms late (WRITE_DELAY=" + delay
                + "): if the process is killed, writes already answered 2xx are lost. Add ;WRITE_DELAY=0 to the"
                + " database URL (see docs/configuration.md)");
    }

    private static Optional<String> postgres(Connection connection) throws SQLException {
        if (!"off".equals(value(connection, "SHOW synchronous_commit"))) {
            return Optional.empty();
        }
        return Optional.of("PostgreSQL runs with synchronous_commit=off: if the PostgreSQL server crashes, writes"
                + " Porthole already answered 2xx are lost. Set synchronous_commit to on for Porthole's database"
                + " (see docs/configuration.md)");
    }

    private static String value(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(query)) {
            return result.next() ? result.getString(1) : null;
        }
    }
}
