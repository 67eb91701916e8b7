package dev.porthole.plugins.containers.spi;

import java.util.Map;
import org.pf4j.ExtensionPoint;

/**
 * A kind of container runtime: {@code docker}, {@code kubernetes}. The containers plugin finds the runtimes of the
 * plugins that run now each time it needs one, so a runtime plugin removed makes its environments unavailable and one
 * installed again serves them, without the containers plugin restarting.
 *
 * <p>The runtime keeps one connection per environment and closes them all when its plugin stops.
 */
public interface ContainerRuntime extends ExtensionPoint {
    /** {@return the runtime's name in the API's {@code runtime} parameter: lower case, e.g. {@code docker}} */
    String name();

    /**
     * Checks an environment's endpoint settings before they are stored. It does not connect: an endpoint that cannot
     * be reached is accepted, and shown as down.
     *
     * @param endpoint the settings, e.g. {@code socket=/var/run/docker.sock}
     * @param overSsh whether the endpoint is reached through an inventory host
     * @throws InvalidEndpointException naming the setting at fault
     */
    void check(Map<String, String> endpoint, boolean overSsh);

    /**
     * The connection to an environment's endpoint, opened on first use and kept: later calls with the same key and
     * spec return the same one. A spec that changed under a key replaces the old connection.
     *
     * @param key the environment's id, stable while it exists
     * @param spec where the endpoint is
     * @return the endpoint's containers
     */
    RuntimeEndpoint endpoint(String key, EndpointSpec spec);

    /**
     * Closes the connection kept for {@code key}, if any: the environment was edited or deleted.
     *
     * @param key the environment's id
     */
    void forget(String key);
}
