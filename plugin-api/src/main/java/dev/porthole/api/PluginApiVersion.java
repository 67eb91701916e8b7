package dev.porthole.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of the plugin API a plugin was compiled against, or that a host provides.
 *
 * <p>The host compares a plugin's {@code Plugin-Requires} range with {@link #current()}.
 *
 */
@Api(since = "0.1.0", stability = Api.Stability.STABLE)
public final class PluginApiVersion {
    private static final String CURRENT = readVersion();

    private PluginApiVersion() {}

    /** {@return the plugin-api version on the class path, e.g. {@code 0.1.0-SNAPSHOT}} */
    public static String current() {
        return CURRENT;
    }

    private static String readVersion() {
        try (InputStream in = PluginApiVersion.class.getResourceAsStream("plugin-api.properties")) {
            if (in == null) {
                throw new IllegalStateException("plugin-api.properties is missing from the plugin-api jar");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
