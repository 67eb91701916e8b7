package dev.porthole.platform.plugins;

import dev.porthole.api.PortholePlugin;
import dev.porthole.platform.dispatch.PluginRoute;
import dev.porthole.platform.dispatch.RouteConflictException;
import dev.porthole.platform.errors.ApiException;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs, starts, stops and removes plugins at run time. A plugin that fails to start is FAILED with its reason while
 * the platform and every other plugin keep serving; stopping a plugin withdraws everything it registered and ends its
 * threads, so that removing it leaves nothing of it reachable. Operations are serialized: they are rare, and each must
 * finish whole before the next looks at the state.
 */
@Singleton
public class PluginService {
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Logger LOG = LoggerFactory.getLogger(PluginService.class);
    private static final String STAGING = ".staging";

    private final PluginManager manager;
    private final PluginsConfiguration configuration;
    private final PluginServices services;
    private final Map<String, Installed> installed = new LinkedHashMap<>();
    private EnabledStates enabled;

    PluginService(PluginManager manager, PluginsConfiguration configuration, PluginServices services) {
        this.manager = manager;
        this.configuration = configuration;
        this.services = services;
    }

    /** An installed plugin: where it stands, why, and while STARTED what runs it. */
    private static final class Installed {
        final PluginWrapper wrapper;
        PluginState state = PluginState.DISABLED;
        String reason;
        Running running;

        Installed(PluginWrapper wrapper) {
            this.wrapper = wrapper;
        }
    }

    private record Running(PortholePlugin plugin, HostPluginContext context, PluginExecutor executor) {}

    @EventListener
    synchronized void startInstalled(StartupEvent event) {
        Path dir = configuration.dir();
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                copyBuiltins(dir);
            }
            deleteRecursively(dir.resolve(STAGING));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the plugins directory " + dir.toAbsolutePath(), e);
        }
        enabled = new EnabledStates(dir);
        manager.loadPlugins();
        for (PluginWrapper wrapper : manager.getPlugins()) {
            Installed plugin = new Installed(wrapper);
            installed.put(wrapper.getPluginId(), plugin);
            if (enabled.isEnabled(wrapper.getPluginId())) {
                try {
                    start(plugin);
                } catch (RouteConflictException e) {
                    // recorded as FAILED by start; the others still start
                }
            }
        }
        LOG.info("Plugins in {}: {}", dir.toAbsolutePath(), installed.isEmpty() ? "none" : describe());
    }

    @PreDestroy
    synchronized void stopAll() {
        List<String> ids = new ArrayList<>(installed.keySet());
        java.util.Collections.reverse(ids);
        ids.forEach(id -> stop(installed.get(id)));
    }

    public synchronized List<PluginView> list() {
        return installed.values().stream().map(this::view).toList();
    }

    public synchronized PluginView get(String id) {
        return view(require(id));
    }

    /**
     * Installs the archive uploaded as {@code fileName} and starts it. A bad archive, a duplicate id, an incompatible
     * API version or a route claimed by another plugin is refused with nothing left on disk; a plugin whose own start
     * throws stays installed as FAILED with the reason.
     */
    public synchronized PluginView install(Path upload, String fileName) {
        Path staging =
                configuration.dir().resolve(STAGING).resolve(UUID.randomUUID().toString());
        Path target = null;
        try {
            Files.createDirectories(staging);
            // PF4J recognises a jar plugin by its file name
            String stagedName = fileName != null
                            && fileName.toLowerCase(java.util.Locale.ROOT).endsWith(".jar")
                    ? "plugin.jar"
                    : "plugin.upload";
            Path staged = Files.move(upload, staging.resolve(stagedName), StandardCopyOption.REPLACE_EXISTING);
            PluginArchive.requireZip(staged);
            PluginArchive archive = PluginArchive.read(staged, fileName);
            PluginDescriptor descriptor = archive.descriptor();
            String id = descriptor.getPluginId();
            checkInstallable(descriptor);
            target = configuration.dir().resolve(archive.isJar() ? id + ".jar" : id);
            if (Files.exists(target)) {
                throw ApiException.conflict("the plugins directory already holds " + target.getFileName()
                        + " of no installed plugin; remove it first");
            }
            Files.move(archive.pluginPath(), target, StandardCopyOption.ATOMIC_MOVE);
            PluginWrapper wrapper = load(target);
            Installed plugin = new Installed(wrapper);
            installed.put(id, plugin);
            enabled.set(id, true);
            try {
                start(plugin);
            } catch (RouteConflictException e) {
                remove(plugin);
                target = null;
                throw ApiException.conflict(e.getMessage());
            }
            if (plugin.state == PluginState.FAILED && plugin.reason.startsWith(NO_EXTENSION)) {
                remove(plugin);
                target = null;
                throw ApiException.invalidField(PluginArchive.FIELD, plugin.reason);
            }
            target = null;
            LOG.info("Installed plugin {} {}: {}", id, descriptor.getVersion(), plugin.state);
            return view(plugin);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (target != null) {
                deleteQuietly(target);
            }
            deleteQuietly(staging.getParent());
            deleteQuietly(upload);
        }
    }

    public synchronized PluginView enable(String id) {
        Installed plugin = require(id);
        enabled.set(id, true);
        if (plugin.state != PluginState.STARTED) {
            try {
                start(plugin);
            } catch (RouteConflictException e) {
                // FAILED with the conflict as its reason, shown in the view
            }
        }
        return view(plugin);
    }

    public synchronized PluginView disable(String id) {
        Installed plugin = require(id);
        enabled.set(id, false);
        stop(plugin);
        plugin.state = PluginState.DISABLED;
        plugin.reason = null;
        return view(plugin);
    }

    public synchronized void uninstall(String id) {
        remove(require(id));
        LOG.info("Removed plugin {}", id);
    }

    private void checkInstallable(PluginDescriptor descriptor) {
        String id = descriptor.getPluginId();
        if (!ID.matcher(id).matches()) {
            throw ApiException.invalidField(
                    PluginArchive.FIELD,
                    "plugin id '" + id
                            + "' must be 1-63 lowercase letters, digits and '-', starting with a letter or digit");
        }
        Installed existing = installed.get(id);
        if (existing != null) {
            throw ApiException.conflict("plugin '" + id + "' is installed already (version "
                    + existing.wrapper.getDescriptor().getVersion() + "); remove it first");
        }
        String incompatibility = incompatibility(descriptor);
        if (incompatibility != null) {
            throw ApiException.invalidField(PluginArchive.FIELD, incompatibility);
        }
    }

    /** Why the plugin cannot run on this plugin-api, or null when it can. */
    @Nullable
    private String incompatibility(PluginDescriptor descriptor) {
        String requires = descriptor.getRequires();
        if (requires == null || requires.isBlank() || requires.equals("*")) {
            return null;
        }
        String provided = PluginFactory.apiVersion();
        try {
            if (manager.getVersionManager().checkVersionConstraint(provided, requires)) {
                return null;
            }
        } catch (RuntimeException e) {
            return "Plugin-Requires '" + requires + "' of plugin '" + descriptor.getPluginId()
                    + "' is not a version range such as >=0.1.0 & <1.0.0";
        }
        return "plugin '" + descriptor.getPluginId() + "' requires plugin-api " + requires + "; this server provides "
                + provided;
    }

    private PluginWrapper load(Path target) {
        try {
            String id = manager.loadPlugin(target);
            return manager.getPlugin(id);
        } catch (RuntimeException e) {
            throw ApiException.invalidField(PluginArchive.FIELD, "could not be loaded: " + e.getMessage());
        }
    }

    private static final String NO_EXTENSION = "no class of the plugin implements dev.porthole.api.PortholePlugin";

    /** Starts a plugin; on failure it is FAILED with the reason. A route conflict is also thrown for install. */
    private void start(Installed plugin) {
        String id = plugin.wrapper.getPluginId();
        String incompatibility = incompatibility(plugin.wrapper.getDescriptor());
        if (incompatibility != null) {
            fail(plugin, incompatibility);
            return;
        }
        List<PortholePlugin> extensions;
        try {
            manager.startPlugin(id);
            extensions = manager.getExtensions(PortholePlugin.class, id);
        } catch (RuntimeException e) {
            manager.stopPlugin(id);
            fail(plugin, "could not be loaded: " + e.getMessage());
            return;
        }
        if (extensions.size() != 1) {
            manager.stopPlugin(id);
            fail(
                    plugin,
                    extensions.isEmpty()
                            ? NO_EXTENSION + " with @org.pf4j.Extension"
                            : "more than one class implements PortholePlugin: "
                                    + extensions.stream()
                                            .map(e -> e.getClass().getName())
                                            .toList());
            return;
        }
        ClassLoader loader = plugin.wrapper.getPluginClassLoader();
        PluginExecutor executor = new PluginExecutor(id, loader, configuration.threads());
        HostPluginContext context =
                new HostPluginContext(id, plugin.wrapper.getDescriptor().getVersion(), executor, services);
        Running running = new Running(extensions.get(0), context, executor);
        Future<?> started = executor.submit(() -> {
            context.openStorage(loader);
            running.plugin().start(context);
            return null;
        });
        try {
            started.get(configuration.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            started.cancel(true);
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            shutDown(id, running);
            manager.stopPlugin(id);
            String reason = e instanceof TimeoutException
                    ? "did not start within " + configuration.startTimeout().toSeconds() + " s"
                    : reasonOf(cause);
            fail(plugin, reason);
            if (cause instanceof RouteConflictException conflict) {
                throw conflict;
            }
            if (!(cause instanceof IllegalArgumentException)) {
                LOG.warn("Plugin {} failed to start", id, cause);
            }
            return;
        }
        plugin.running = running;
        plugin.state = PluginState.STARTED;
        plugin.reason = null;
    }

    private void stop(Installed plugin) {
        Running running = plugin.running;
        if (running == null) {
            return;
        }
        plugin.running = null;
        String id = plugin.wrapper.getPluginId();
        Future<?> stopped = running.executor().submit(() -> {
            running.plugin().stop();
            return null;
        });
        try {
            stopped.get(configuration.stopTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("Plugin {} did not stop cleanly; withdrawing what it registered anyway", id, e);
        }
        shutDown(id, running);
        manager.stopPlugin(id);
    }

    /** Withdraws what the plugin registered and ends its threads. */
    private void shutDown(String id, Running running) {
        running.context().closeAll();
        running.executor().shutdownNow();
        try {
            if (!running.executor().awaitTermination(configuration.stopTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Threads of plugin {} are still running; its classes stay loaded until they end", id);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void remove(Installed plugin) {
        String id = plugin.wrapper.getPluginId();
        stop(plugin);
        Path path = plugin.wrapper.getPluginPath();
        manager.unloadPlugin(id);
        installed.remove(id);
        enabled.forget(id);
        deleteQuietly(path);
    }

    private void fail(Installed plugin, String reason) {
        plugin.state = PluginState.FAILED;
        plugin.reason = reason;
        plugin.running = null;
        LOG.warn("Plugin {} FAILED: {}", plugin.wrapper.getPluginId(), reason);
    }

    private Installed require(String id) {
        Installed plugin = installed.get(id);
        if (plugin == null) {
            throw new ApiException(HttpStatus.NOT_FOUND, "no plugin with id '" + id + "' is installed");
        }
        return plugin;
    }

    private PluginView view(Installed plugin) {
        PluginDescriptor d = plugin.wrapper.getDescriptor();
        String id = d.getPluginId();
        List<PluginView.RouteView> routes = plugin.running == null
                ? List.of()
                : plugin.running.context().routes().stream()
                        .map(PluginService::routeView)
                        .toList();
        List<PluginView.JobView> jobs = services.jobs().jobs(id).stream()
                .map(j -> new PluginView.JobView(
                        j.name(), j.schedule(), j.lastStarted(), j.lastOutcome(), j.runs(), j.skipped()))
                .toList();
        return new PluginView(
                id,
                d.getVersion(),
                blankToNull(d.getPluginDescription()),
                blankToNull(d.getProvider()),
                d.getRequires() == null || d.getRequires().isBlank() ? "*" : d.getRequires(),
                plugin.state,
                enabled.isEnabled(id),
                plugin.reason,
                routes,
                jobs);
    }

    static PluginView.RouteView routeView(PluginRoute route) {
        return new PluginView.RouteView(
                route.kind().name(),
                route.httpMethod(),
                route.path().text(),
                route.access().toString());
    }

    private String describe() {
        return installed.values().stream()
                .map(p -> p.wrapper.getPluginId() + " "
                        + p.wrapper.getDescriptor().getVersion() + " " + p.state)
                .reduce((a, b) -> a + ", " + b)
                .orElse("");
    }

    private void copyBuiltins(Path dir) throws IOException {
        Path builtins = configuration.builtinDir();
        if (builtins == null || !Files.isDirectory(builtins)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(builtins, "*.{jar,zip}")) {
            for (Path file : files) {
                if (file.toString().endsWith(".zip")) {
                    PluginArchive archive = PluginArchive.read(
                            copyToStaging(dir, file), file.getFileName().toString());
                    Files.move(
                            archive.pluginPath(),
                            dir.resolve(archive.descriptor().getPluginId()));
                } else {
                    Files.copy(file, dir.resolve(file.getFileName()));
                }
                LOG.info("Installed built-in plugin {}", file.getFileName());
            }
        } finally {
            deleteRecursively(dir.resolve(STAGING));
        }
    }

    private static Path copyToStaging(Path dir, Path file) throws IOException {
        Path staging = Files.createDirectories(
                dir.resolve(STAGING).resolve(UUID.randomUUID().toString()));
        return Files.copy(file, staging.resolve("upload"));
    }

    private static String reasonOf(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getName() : message;
    }

    @Nullable
    private static String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static void deleteQuietly(Path path) {
        try {
            deleteRecursively(path);
        } catch (IOException e) {
            LOG.warn("could not delete {}", path, e);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
