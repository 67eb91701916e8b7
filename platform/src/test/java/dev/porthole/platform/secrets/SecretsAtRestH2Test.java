package dev.porthole.platform.secrets;

import dev.porthole.platform.support.TestDatabase;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** The H2 variant stores in a file (not in memory), as the embedded default does. */
@MicronautTest(transactional = false)
class SecretsAtRestH2Test extends SecretsAtRestContract {
    @Inject
    DataSource dataSource;

    SecretsAtRestH2Test() {
        super(TestDatabase.H2);
    }

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of(
                "porthole.database.url",
                "jdbc:h2:file:" + dataDir().resolve("porthole")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
    }

    @Override
    void flushToDisk() {
        try (Connection connection =
                DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            connection.createStatement().execute("CHECKPOINT SYNC");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    List<Path> databaseFiles() throws IOException {
        return regularFilesUnder(dataDir()).stream()
                .filter(p -> p.getFileName().toString().endsWith(".mv.db"))
                .toList();
    }
}
