package dev.porthole.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Comparator;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class HostSchemaTest {
    private final JdbcDataSource pool = new JdbcDataSource();

    HostSchemaTest() {
        pool.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
    }

    @Test
    void latest_names_the_newest_migration_shipped() {
        MigrationInfo[] pending = Flyway.configure()
                .dataSource(pool)
                .locations(HostSchema.LOCATION)
                .load()
                .info()
                .pending();

        String newest = Arrays.stream(pending)
                .map(MigrationInfo::getVersion)
                .max(Comparator.naturalOrder())
                .orElseThrow()
                .getVersion();
        assertThat(HostSchema.LATEST)
                .as("raise HostSchema.LATEST with every new migration in db/migration")
                .isEqualTo(newest);
    }

    @Test
    void a_new_database_gets_every_table_and_is_then_current() throws SQLException {
        assertThat(HostSchema.current(pool)).isFalse();

        created();

        assertThat(HostSchema.current(pool)).isTrue();
        assertThat(count("select count(*) from users")).isZero();
        assertThat(count("select count(*) from ssh_host_keys")).isZero();
    }

    @Test
    void a_history_behind_the_latest_or_with_a_failed_migration_is_not_current() throws SQLException {
        created();

        execute("update flyway_schema_history set success = false where version = '" + HostSchema.LATEST + "'");
        assertThat(HostSchema.current(pool)).isFalse();

        execute("delete from flyway_schema_history where version = '" + HostSchema.LATEST + "'");
        assertThat(HostSchema.current(pool)).isFalse();
    }

    @Test
    void a_current_schema_is_not_handed_to_flyway_again() throws SQLException {
        created();
        // Flyway's validation refuses an applied migration whose checksum changed: the proof that it ran
        execute("update flyway_schema_history set checksum = 1 where version = '1'");
        assertThatThrownBy(() -> Flyway.configure()
                        .dataSource(pool)
                        .locations(HostSchema.LOCATION)
                        .load()
                        .migrate())
                .isInstanceOf(FlywayException.class);

        created();

        assertThat(HostSchema.current(pool)).isTrue();
    }

    private void created() {
        HostSchema.bringUpToDate(pool);
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = pool.getConnection();
                Statement statement = connection.createStatement();
                var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = pool.getConnection();
                Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }
}
