package dev.porthole.platform.config;

import dev.porthole.api.Settings;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;

/**
 * Each plugin's settings: the properties {@code porthole.plugin-settings.<plugin-id>.<key>} of the server's
 * configuration, read when asked, so that a refreshed environment is seen.
 *
 * <p>From the environment: Micronaut lowercases a variable's name and reads every {@code _} as either {@code .} or
 * {@code -}, in every combination (a name with n underscores stands for 2<sup>n</sup> property names). So
 * {@code PORTHOLE_PLUGIN_SETTINGS_MY_PLUGIN_POLL_INTERVAL} sets {@code porthole.plugin-settings.my-plugin.poll-interval}.
 * It follows that only ids and keys in lowercase letters, digits, {@code -} and {@code .} can be set this way; a
 * plugin whose id holds {@code _} or capitals is configured in a configuration file.
 */
@Singleton
public class PluginSettingsSource {
    static final String PREFIX = "porthole.plugin-settings.";

    private final Environment environment;

    public PluginSettingsSource(Environment environment) {
        this.environment = environment;
    }

    public Settings forPlugin(String pluginId) {
        return new PluginSettings(PREFIX + pluginId + ".", environment);
    }
}
