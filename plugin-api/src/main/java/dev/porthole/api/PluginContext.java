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

    /** The plugin's id, as in its descriptor. */
    String pluginId();

    /** The plugin's version, as in its descriptor. */
    String pluginVersion();

    /** Serves {@code method path}; {@code access} is enforced before the handler runs. */
    Registration route(Method method, String path, Access access, RouteHandler handler);

    /** Serves a server-sent event stream on {@code GET path}. */
    Registration sse(String path, Access access, SseHandler handler);

    /** Serves WebSocket connections on {@code path}. The path needs at least two segments. */
    Registration websocket(String path, Access access, WebSocketHandler handler);

    /**
     * Runs {@code job} on the plugin's executor by {@code schedule}. Runs of one job never overlap: a run that is
     * due while the previous one is still going is skipped. {@code name} identifies the job in the plugin listing.
     */
    Registration schedule(String name, Schedule schedule, Runnable job);

    /** The host inventory, with the caller's access checked on every lookup. */
    Hosts hosts();

    /**
     * SSH to the inventory's hosts: pooled connections, exec, forwards and streams, with host keys checked on every
     * hop. Forwards and streams are the plugin's to close; the host closes those still open when the plugin stops.
     */
    @Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
    SshConnections ssh();

    /** Publishes to clients subscribed to the plugin's topics. */
    Events events();

    /** The plugin's database access and migrations. */
    PluginStorage storage();

    /** The plugin's own settings. */
    Settings settings();

    /** JSON reading and writing for request and response bodies. */
    Json json();

    /**
     * The plugin's own threads, whose context class loader is the plugin's. Its tasks are cancelled when the plugin
     * stops; anything a plugin runs in the background belongs here.
     */
    Executor executor();

    /** The host's clock; tests of the host may move it. */
    Clock clock();
}
