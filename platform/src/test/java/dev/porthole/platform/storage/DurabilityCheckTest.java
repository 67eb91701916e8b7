package dev.porthole.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.porthole.platform.support.EmbeddedPostgresServer;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up warning about commit settings that would lose acknowledged writes in a crash. */
class DurabilityCheckTest {
    private static final String H2_MODE = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    @TempDir
    Path dir;

    @Test
    void the_built_in_database_url_commits_durably() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("porthole.data-dir", dir.toString()))) {
            assertThat(warning(context.getBean(DurabilityCheck.class))).isEmpty();
        }
    }

    @Test
    void an_h2_file_with_h2s_default_write_delay_is_named_with_the_fix() {
        assertThat(warning("jdbc:h2:file:" + dir.resolve("delayed") + H2_MODE, "sa"))
                .hasValueSatisfying(w -> assertThat(w).contains("WRITE_DELAY=500", ";WRITE_DELAY=0"));
    }

    @Test
    void an_h2_file_without_write_delay_and_an_in_memory_h2_pass() {
        assertThat(warning("jdbc:h2:file:" + dir.resolve("durable") + H2_MODE + ";WRITE_DELAY=0", "sa"))
                .isEmpty();
        assertThat(warning("jdbc:h2:mem:check" + H2_MODE, "sa")).isEmpty();
    }

    @Test
    void postgresql_with_synchronous_commit_off_is_named_and_on_passes() {
        String url = EmbeddedPostgresServer.get().createDatabase();
        // the embedded server's own configuration has synchronous_commit=off; a session can turn it on
        assertThat(warning(url, EmbeddedPostgresServer.USER))
                .hasValueSatisfying(w -> assertThat(w).contains("synchronous_commit=off"));
        assertThat(warning(url + "?options=-c%20synchronous_commit=on", EmbeddedPostgresServer.USER))
                .isEmpty();
    }

    private static Optional<String> warning(String url, String user) {
        try (HikariDataSource pool = new HikariDataSource()) {
            pool.setJdbcUrl(url);
            pool.setUsername(user);
            return warning(new DurabilityCheck(pool));
        }
    }

    private static Optional<String> warning(DurabilityCheck check) {
        try {
            return check.warning();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
