package dev.porthole.platform.storage;

/** A plugin's migration failed; the message names the migration and the database's reason. */
public class PluginMigrationException extends RuntimeException {
    PluginMigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
