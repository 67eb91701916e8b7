package dev.porthole.api;

import org.pf4j.ExtensionPoint;

/**
 * What a plugin implements: one class annotated with {@code @org.pf4j.Extension}. The host calls {@link #start} when
 * the plugin is enabled and {@link #stop} when it is disabled, removed or the server shuts down.
 *
 * <p>Everything registered through the {@link PluginContext} is closed by the host after {@link #stop}, so a plugin
 * only needs {@code stop} for resources it made itself (a client, a connection pool).
 */
@Api(since = "0.1.0", stability = Api.Stability.STABLE)
public interface PortholePlugin extends ExtensionPoint {

    /**
     * Registers the plugin's routes, streams and jobs. Runs on the plugin's executor with the plugin's class loader as
     * context class loader. An exception marks the plugin FAILED with its message; nothing it registered stays.
     *
     * @param context the host's services for this plugin
     * @throws Exception when the plugin cannot start
     */
    void start(PluginContext context) throws Exception;

    /**
     * Releases what the plugin made itself. Registrations are closed by the host afterwards either way.
     *
     * @throws Exception logged; the plugin stops all the same
     */
    default void stop() throws Exception {}
}
