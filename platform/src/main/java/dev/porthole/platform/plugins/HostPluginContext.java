package dev.porthole.platform.plugins;

import dev.porthole.api.Json;
import dev.porthole.api.PluginContext;
import dev.porthole.api.Registration;
import dev.porthole.api.Settings;
import dev.porthole.api.events.Audience;
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
import dev.porthole.platform.dispatch.PathTemplate;
import dev.porthole.platform.dispatch.PluginRoute;
import dev.porthole.platform.dispatch.RouteKind;
import dev.porthole.platform.events.Topics;
import dev.porthole.platform.json.JsonTrees;
import dev.porthole.platform.ssh.PluginSshConnections;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * What one running plugin is handed. It keeps every registration the plugin makes, so that stopping the plugin can
 * close them all whatever the plugin itself remembered to close.
 */
final class HostPluginContext implements PluginContext {

    private final String pluginId;
    private final String pluginVersion;
    private final PluginExecutor executor;
    private final PluginServices services;
    private final Settings settings;
    private final PluginSshConnections ssh;
    private final Hosts hosts;
    private final List<Registration> registrations = new ArrayList<>();
    private PluginStorage storage;
    private boolean closed;

    HostPluginContext(String pluginId, String pluginVersion, PluginExecutor executor, PluginServices services) {
        this.pluginId = pluginId;
        this.pluginVersion = pluginVersion;
        this.executor = executor;
        this.services = services;
        this.settings = services.settings().forPlugin(pluginId);
        this.ssh = new PluginSshConnections(services.ssh(), executor);
        this.hosts = new PluginContextHosts(services.hosts(), services.hostChanges(), pluginId, executor, this::keep);
    }

    /** Applies the plugin's migrations; runs before the plugin starts. */
    void openStorage(ClassLoader pluginLoader) {
        storage = services.storages().open(pluginId, pluginLoader);
    }

    @Override
    public String pluginId() {
        return pluginId;
    }

    @Override
    public String pluginVersion() {
        return pluginVersion;
    }

    @Override
    public Registration route(Method method, String path, Access access, RouteHandler handler) {
        return addRoute(RouteKind.HTTP, Objects.requireNonNull(method, "method"), path, access, handler);
    }

    @Override
    public Registration sse(String path, Access access, SseHandler handler) {
        return addRoute(RouteKind.SSE, Method.GET, path, access, handler);
    }

    @Override
    public Registration websocket(String path, Access access, WebSocketHandler handler) {
        PathTemplate template = PathTemplate.parse(path);
        if (template.segments().size() < 2) {
            throw new IllegalArgumentException("a WebSocket path has at least two segments: " + path);
        }
        return addRoute(RouteKind.WEBSOCKET, Method.GET, path, access, handler);
    }

    @Override
    public Registration schedule(String name, Schedule schedule, Runnable job) {
        return keep(services.jobs()
                .schedule(
                        pluginId,
                        Objects.requireNonNull(name, "name"),
                        Objects.requireNonNull(schedule, "schedule"),
                        Objects.requireNonNull(job, "job"),
                        executor));
    }

    @Override
    public Hosts hosts() {
        return hosts;
    }

    @Override
    public SshConnections ssh() {
        return ssh;
    }

    @Override
    public Events events() {
        return this::publish;
    }

    @Override
    public PluginStorage storage() {
        if (storage == null) {
            throw new IllegalStateException("storage opens before the plugin starts");
        }
        return storage;
    }

    @Override
    public Settings settings() {
        return settings;
    }

    @Override
    public Json json() {
        return services.json();
    }

    @Override
    public Executor executor() {
        return executor;
    }

    @Override
    public Clock clock() {
        return services.clock();
    }

    @Override
    public <T> List<T> extensions(Class<T> type) {
        return services.extensions().find(Objects.requireNonNull(type, "type"));
    }

    /** Registered routes, for the plugin listing. */
    List<PluginRoute> routes() {
        return services.routes().routes().stream()
                .filter(route -> route.owner().equals(pluginId))
                .toList();
    }

    /**
     * Withdraws everything the plugin registered: routes (closing their streams and sockets), jobs, host change
     * listeners, event topics.
     */
    void closeAll() {
        List<Registration> toClose;
        synchronized (this) {
            closed = true;
            toClose = List.copyOf(registrations);
            registrations.clear();
        }
        toClose.forEach(Registration::close);
        services.jobs().cancelAll(pluginId);
        ssh.closeAll();
        services.events().completeTopicsOf(pluginId);
    }

    private Registration addRoute(RouteKind kind, Method method, String path, Access access, Object handler) {
        PluginRoute route = new PluginRoute(
                pluginId,
                kind,
                method,
                PathTemplate.parse(path),
                Objects.requireNonNull(access, "access"),
                Objects.requireNonNull(handler, "handler"),
                executor);
        return keep(services.routes().add(route));
    }

    private void publish(String topic, Object payload, Audience audience) {
        if (!Topics.isValidName(topic)) {
            throw new IllegalArgumentException("a topic is 1-64 letters, digits, '.', '_' or '-', not '" + topic + "'");
        }
        // converted here, on the plugin's thread: the hub keeps JDK values only, never the plugin's classes, and a
        // payload that cannot be written fails the plugin's call rather than a subscriber's delivery
        services.events()
                .publish(
                        pluginId + "/" + topic,
                        JsonTrees.toTree(payload),
                        Objects.requireNonNull(audience, "audience"));
    }

    private synchronized Registration keep(Registration registration) {
        if (closed) {
            registration.close();
            throw new IllegalStateException("plugin '" + pluginId + "' has stopped");
        }
        registrations.add(registration);
        return () -> {
            synchronized (this) {
                registrations.remove(registration);
            }
            registration.close();
        };
    }
}
