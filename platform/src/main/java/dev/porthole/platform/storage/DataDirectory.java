package dev.porthole.platform.storage;

import dev.porthole.platform.config.PortholeConfiguration;
import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Creates the data directory, owner-only (0700), before the embedded database or the master key can create it with
 * the process's default mode: it holds the database with its password hashes, the master key and the first admin's
 * password.
 */
@Singleton
final class DataDirectory implements BeanCreatedEventListener<DatasourceConfiguration> {
    private final PortholeConfiguration configuration;

    DataDirectory(PortholeConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        Path dir = configuration.dataDir();
        if (!Files.isDirectory(dir)) {
            try {
                Files.createDirectories(
                        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the data directory " + dir.toAbsolutePath(), e);
            }
        }
        return event.getBean();
    }
}
