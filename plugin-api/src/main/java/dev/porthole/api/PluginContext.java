package dev.porthole.api;

import dev.porthole.api.events.Events;
import dev.porthole.api.hosts.Hosts;
import dev.porthole.api.http.Access;
import dev.porthole.api.http.Method;
import dev.porthole.api.http.RouteHandler;
import dev.porthole.api.http.SseHandler;
import dev.porthole.api.http.WebSocketHandler;
import dev.porthole.api.jobs.Schedule;
import dev.porthole.api.ssh.SshConnections;
import dev.porthole.api.storage.PluginStorage;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Everything the host offers a plugin, handed to {@link PortholePlugin#start}. New host services arrive as new methods
 * here, never as new parameters.
 *
 * <p>Paths are absolute ({@code /docker/containers/{sessionId}}); a path segment {@code {name}} is a path parameter. A
 * path that overlaps another plugin's is refused when the plugin is installed, naming both plugins. Every handler runs
 * on the plugin's {@link #executor()}, never on a server I/O thread, so it may block.
 */
@Api(since = "0.1.0", stability = Api.Stability.STABLE)
public interface PluginContext {

    /** {@return the plugin's id, as in its descriptor} */
    String pluginId();

    /** {@return the plugin's version, as in its descriptor} */
    String pluginVersion();

    /**
     * Serves {@code method path}; {@code access} is enforced before the handler runs.
     *
     * @param method the HTTP method
     * @param path the absolute path, {@code {name}} segments being path parameters
     * @param access who may call it
     * @param handler answers each request
     * @return the claim, closed when the plugin stops (or earlier, to withdraw the route)
     */
    Registration route(Method method, String path, Access access, RouteHandler handler);

    /**
     * Serves a server-sent event stream on {@code GET path}.
     *
     * @param path the absolute path, {@code {name}} segments being path parameters
     * @param access who may open the stream
     * @param handler called once per client that opens it
     * @return the claim; closing it completes the open streams
     */
    Registration sse(String path, Access access, SseHandler handler);

    /**
     * Serves WebSocket connections on {@code path}. The path needs at least two segments. An upgrade to a path no
     * plugin serves is refused with 404 before the handshake; one without the access the route needs with 401 or 403.
     *
     * @param path the absolute path, {@code {name}} segments being path parameters
     * @param access who may connect, checked on the upgrade request
     * @param handler receives each connection's events
     * @return the claim; closing it closes the open connections with 1001
     */
    Registration websocket(String path, Access access, WebSocketHandler handler);

    /**
     * Runs {@code job} on the plugin's executor by {@code schedule}. Runs of one job never overlap: a run that is
     * due while the previous one is still going is skipped.
     *
     * @param name identifies the job in the plugin listing
     * @param schedule when it runs
     * @param job what runs
     * @return the job's registration; closing it cancels the job
     */
    Registration schedule(String name, Schedule schedule, Runnable job);

    /** {@return the host inventory, with the caller's access checked on every lookup} */
    Hosts hosts();

    /**
     * SSH to the inventory's hosts: pooled connections, exec, forwards and streams, with host keys checked on every
     * hop. Forwards and streams are the plugin's to close; the host closes those still open when the plugin stops.
     *
     * @return the SSH service
     */
    @Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
    SshConnections ssh();

    /** {@return the events hub, to publish to clients subscribed to the plugin's topics} */
    Events events();

    /** {@return the plugin's database access and migrations} */
    PluginStorage storage();

    /** {@return the plugin's own settings} */
    Settings settings();

    /** {@return JSON reading and writing, for what the plugin parses or writes itself} */
    Json json();

    /**
     * The plugin's own threads, whose context class loader is the plugin's. Its tasks are cancelled when the plugin
     * stops; anything a plugin runs in the background belongs here.
     *
     * @return the plugin's executor
     */
    Executor executor();

    /** {@return the host's clock; tests of the host may move it} */
    Clock clock();

    /**
     * The extensions of {@code type} ({@code @org.pf4j.Extension} classes) offered by the plugins that are started at
     * the time of the call, the caller's own included, ordered by plugin id. This is how a plugin that publishes an
     * SPI finds its implementations in the plugins that depend on it ({@code plugin.dependencies}).
     *
     * <p>An extension class that is its plugin's {@link PortholePlugin} class is that running plugin instance, the one
     * whose {@link PortholePlugin#start} received its context. Any other extension class is instantiated once per start
     * of its plugin and dropped when that plugin stops. A plugin is found once its start has returned, and no longer
     * from the moment its stop begins, so a plugin's own extensions are not among those its start finds. The
     * extensions' methods run on the caller's thread.
     *
     * <p>Look the extensions up each time they are needed and do not keep them beyond the work of the call: a kept
     * extension would keep a removed plugin's classes loaded, and would outlive its plugin's stop.
     *
     * @param type the extension point, as loaded by the caller (a type of the caller's or of a plugin it depends on)
     * @param <T> the extension point's type
     * @return the extensions, possibly none; an unmodifiable snapshot
     */
    @Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
    <T> List<T> extensions(Class<T> type);
}
