package dev.porthole.plugins.stats.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.porthole.plugins.stats.collect.HostMetrics;
import dev.porthole.plugins.stats.metrics.MetricsBoard;
import dev.porthole.test.MutableClock;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The history's batches, charts and retention, on H2 (the default database) and on a real PostgreSQL. */
class HistoryStoreTest {

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OnH2 extends Contract {
        OnH2() throws Exception {
            super(h2());
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OnPostgres extends Contract {
        private static EmbeddedPostgres postgres;

        OnPostgres() throws Exception {
            super(postgres());
        }

        private static synchronized DataSource postgres() throws IOException {
            if (postgres == null) {
                postgres = EmbeddedPostgres.start();
            }
            return postgres.getPostgresDatabase();
        }

        @AfterAll
        void stop() throws IOException {
            postgres.close();
        }
    }

    abstract static class Contract {
        private final DataSource database;
        private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
        private final HistoryStore store;

        Contract(DataSource database) throws Exception {
            this.database = database;
            migrate(database);
            this.store = new HistoryStore(database, clock, () -> Duration.ofDays(7));
        }

        private static MetricsBoard.Snapshot snapshot(long host, Instant at, int cpu, long rxRate) {
            HostMetrics empty = HostMetrics.empty();
            HostMetrics metrics = new HostMetrics(
                    new HostMetrics.Cpu(cpu, 2, List.of(0.5, 0.4, 0.3)),
                    new HostMetrics.Memory(50, 1.0, 2.0),
                    empty.disk(),
                    new HostMetrics.Network(List.of(
                            new HostMetrics.Interface("eth0", "10.0.0.2", "UP", "100", "200", rxRate, 10L),
                            new HostMetrics.Interface("eth1", "", "UP", "1", "2", rxRate, null))),
                    empty.uptime(),
                    empty.processes(),
                    empty.system(),
                    empty.loginStats(),
                    empty.ports(),
                    empty.firewall(),
                    empty.temperature());
            return new MetricsBoard.Snapshot(host, metrics, at);
        }

        @Test
        void polls_are_written_in_one_batch_and_averaged_per_step() {
            long host = hostId();
            Instant start = clock.instant();
            store.add(snapshot(host, start, 10, 100));
            store.add(snapshot(host, start.plusSeconds(30), 30, 300));
            store.add(snapshot(host, start.plusSeconds(70), 50, 500));
            store.flush();
            List<HistoryPoint> points = store.query(host, start, start.plusSeconds(120), Duration.ofMinutes(1));
            assertThat(points).hasSize(2);
            HistoryPoint first = points.get(0);
            assertThat(first.time()).isEqualTo(start);
            assertThat(first.samples()).isEqualTo(2);
            assertThat(first.cpuPercent()).isEqualTo(20.0);
            assertThat(first.memoryPercent()).isEqualTo(50.0);
            assertThat(first.diskPercent()).as("no disk figure in the polls").isNull();
            assertThat(first.rxRateBps())
                    .as("both interfaces summed, then averaged")
                    .isEqualTo(400.0);
            assertThat(first.txRateBps()).isEqualTo(10.0);
            assertThat(points.get(1).time()).isEqualTo(start.plusSeconds(60));
            assertThat(points.get(1).cpuPercent()).isEqualTo(50.0);
        }

        @Test
        void rows_older_than_the_retention_are_pruned_and_a_deleted_host_is_forgotten() {
            long old = hostId();
            long gone = hostId();
            Instant now = clock.instant();
            store.add(snapshot(old, now.minus(Duration.ofDays(8)), 10, 1));
            store.add(snapshot(old, now.minus(Duration.ofDays(6)), 20, 1));
            store.add(snapshot(gone, now, 30, 1));
            store.flush();
            assertThat(store.prune()).isEqualTo(1);
            List<HistoryPoint> left = store.query(old, now.minus(Duration.ofDays(9)), now, Duration.ofDays(1));
            assertThat(left).extracting(HistoryPoint::cpuPercent).containsExactly(20.0);
            store.add(snapshot(gone, now.plusSeconds(1), 40, 1));
            store.deleteHost(gone);
            store.flush();
            assertThat(store.query(gone, now.minusSeconds(10), now.plusSeconds(10), Duration.ofSeconds(10)))
                    .as("stored and queued rows")
                    .isEmpty();
        }

        /** A host id of its own per test, so that the tests of one database do not see each other's rows. */
        private static long hostId() {
            return UUID.randomUUID().getMostSignificantBits() & 0xffffffffL;
        }

        private static void migrate(DataSource database) throws IOException, SQLException {
            try (Connection connection = database.getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS server_stats_history");
                statement.execute("DROP TABLE IF EXISTS server_stats_settings");
                String withoutComments = migration()
                        .lines()
                        .filter(line -> !line.trim().startsWith("--"))
                        .reduce("", (a, b) -> a + "\n" + b);
                for (String sql : withoutComments.split(";")) {
                    if (!sql.isBlank()) {
                        statement.execute(sql.trim());
                    }
                }
            }
        }

        private static String migration() throws IOException {
            try (InputStream in =
                    HistoryStoreTest.class.getResourceAsStream("/porthole/migrations/V1__server_stats.sql")) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    private static DataSource h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:history-" + UUID.randomUUID() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1");
        return h2;
    }
}
