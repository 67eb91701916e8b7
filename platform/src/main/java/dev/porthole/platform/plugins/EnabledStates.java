package dev.porthole.platform.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * Which installed plugins are enabled, kept beside them in {@code plugins.properties} so that the state survives
 * restarts and travels with the plugins directory. A plugin without an entry is enabled.
 */
final class EnabledStates {
    static final String FILE = "plugins.properties";

    private final Path file;
    private final Properties states = new Properties();

    EnabledStates(Path dir) {
        this.file = dir.resolve(FILE);
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                states.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
    }

    synchronized boolean isEnabled(String pluginId) {
        return !"false".equals(states.getProperty(pluginId + ".enabled"));
    }

    synchronized void set(String pluginId, boolean enabled) {
        states.setProperty(pluginId + ".enabled", Boolean.toString(enabled));
        save();
    }

    synchronized void forget(String pluginId) {
        states.remove(pluginId + ".enabled");
        save();
    }

    private void save() {
        Path temp = file.resolveSibling(FILE + ".tmp");
        try (OutputStream out = Files.newOutputStream(temp)) {
            states.store(out, "Porthole plugins: enabled state by plugin id");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + temp, e);
        }
        try {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace " + file, e);
        }
    }
}
