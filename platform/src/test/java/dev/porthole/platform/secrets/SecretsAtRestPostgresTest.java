package dev.porthole.platform.secrets;

import dev.porthole.platform.support.EmbeddedPostgresServer;
import dev.porthole.platform.support.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Reads PostgreSQL's data directory (tables, WAL) after a checkpoint. */
@MicronautTest(transactional = false)
class SecretsAtRestPostgresTest extends SecretsAtRestContract {
    SecretsAtRestPostgresTest() {
        super(TestDatabase.POSTGRES);
    }

    @Override
    void flushToDisk() {
        EmbeddedPostgresServer.get().checkpoint();
    }

    @Override
    List<Path> databaseFiles() throws IOException {
        Path data = EmbeddedPostgresServer.get().dataDirectory();
        List<Path> files = new java.util.ArrayList<>(regularFilesUnder(data.resolve("base")));
        files.addAll(regularFilesUnder(data.resolve("pg_wal")));
        return files;
    }
}
