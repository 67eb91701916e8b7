package dev.porthole.plugins.containers.spi;

import java.util.List;
import java.util.Optional;

/**
 * One environment's runtime. Every method blocks until the runtime answered and throws {@link RuntimeFailure} when it
 * did not do what was asked; {@code id} is a container's id (full or a unique prefix) or name.
 */
public interface RuntimeEndpoint {
    /**
     * Checks that the runtime answers.
     *
     * @return the runtime's version, e.g. {@code 20.10.24}
     */
    String ping();

    /**
     * Every container, running or not.
     *
     * @param namespace the namespace to list, for runtimes that have them; empty for all
     * @return the containers, in the runtime's order
     */
    List<ContainerInfo> list(Optional<String> namespace);

    /**
     * The runtime's own description of a container: for Docker the Engine API's inspect document as it is, as a tree of
     * {@code Map}, {@code List}, {@code String}, {@code Number}, {@code Boolean} and null.
     *
     * @param id the container
     * @param namespace its namespace, for runtimes that have them
     * @return the document
     */
    Object inspect(String id, Optional<String> namespace);

    /**
     * Does {@code action} to a container.
     *
     * @param id the container
     * @param namespace its namespace, for runtimes that have them
     * @param action what to do
     * @param timeoutSeconds for stop and restart, the grace period before the runtime kills
     */
    void act(String id, Optional<String> namespace, ContainerAction action, int timeoutSeconds);

    /**
     * Removes a container.
     *
     * @param id the container
     * @param namespace its namespace, for runtimes that have them
     * @param force whether a running container is killed first
     */
    void remove(String id, Optional<String> namespace, boolean force);

    /**
     * One sample of a container's resource use, computed as the runtime's own client does (the Docker CLI's CPU and
     * memory figures for Docker).
     *
     * @param id the container
     * @param namespace its namespace, for runtimes that have them
     * @return the sample
     */
    ContainerStats stats(String id, Optional<String> namespace);

    /**
     * Streams a container's log to {@code sink} on a thread of the runtime's plugin, until the log ends, the container
     * stops (when following) or the returned handle is closed. {@link LogSink#line} may block: the runtime then reads
     * no further, so a slow client holds back the daemon, not memory.
     *
     * @param id the container
     * @param request which lines
     * @param sink where lines go; {@link LogSink#ended} is called exactly once, last
     * @return closes the stream; {@code ended} is then called with {@link LogSink.EndReason#STOPPED}
     */
    AutoCloseable logs(String id, LogRequest request, LogSink sink);

    /**
     * Streams the runtime's container events (started, stopped, died, ...) on a thread of the runtime's plugin.
     *
     * @param sink receives each event
     * @return closes the stream
     */
    AutoCloseable events(java.util.function.Consumer<ContainerEvent> sink);
}
