package dev.porthole.api;

import java.time.Duration;
import java.util.Optional;

/**
 * The plugin's own settings: {@code porthole.plugin-settings.<plugin-id>.<key>} in the server's configuration, or the
 * environment variable {@code PORTHOLE_PLUGIN_SETTINGS_<PLUGIN_ID>_<KEY>}. Keys are kebab-case.
 */
@Api(since = "0.1.0", stability = Api.Stability.STABLE)
public interface Settings {
    /**
     * A setting's value.
     *
     * @param key kebab-case, e.g. {@code poll-interval}
     * @return its value, empty when the operator set none
     */
    Optional<String> get(String key);

    /**
     * A setting's value, or a default.
     *
     * @param key kebab-case
     * @param defaultValue when the operator set none
     * @return the value
     */
    default String get(String key, String defaultValue) {
        return get(key).orElse(defaultValue);
    }

    /**
     * The setting as an int; a value that is not one is reported as an {@link IllegalArgumentException} naming it.
     *
     * @param key kebab-case
     * @param defaultValue when the operator set none
     * @return the value
     */
    int getInt(String key, int defaultValue);

    /**
     * The setting as a boolean ({@code true} or {@code false}); another value is an {@link IllegalArgumentException}.
     *
     * @param key kebab-case
     * @param defaultValue when the operator set none
     * @return the value
     */
    boolean getBoolean(String key, boolean defaultValue);

    /**
     * A duration such as {@code 30s}, {@code 5m}, {@code 250ms} or ISO-8601 {@code PT30S}.
     *
     * @param key kebab-case
     * @param defaultValue when the operator set none
     * @return the value
     */
    Duration getDuration(String key, Duration defaultValue);
}
