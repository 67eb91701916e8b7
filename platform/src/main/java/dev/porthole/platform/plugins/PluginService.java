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
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.pf4j.PluginDependency;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs, upgrades, starts, stops and removes plugins at run time. An install or upgrade either ends with the plugin
 * running or is refused with the reason and leaves things as they were: a new plugin whose start fails is removed
 * again, and an upgrade whose new version fails puts the old version back, serving as before. A plugin that fails at
 * server start is FAILED with its reason while the platform and every other plugin keep serving; stopping a plugin
 * withdraws everything it registered and ends its threads, so that removing it leaves nothing of it reachable.
 * Operations are serialized: they are rare, and each must finish whole before the next looks at the state.
 *
 * <p>A plugin may depend on others ({@code plugin.dependencies}, PF4J's descriptor entry): it starts only while they
 * run, and reaches their classes through its class loader. So plugins start dependencies first and stop dependents
 * first; an install whose dependency is not installed is refused; a plugin that an enabled plugin needs cannot be
 * disabled or removed; and when a dependency is upgraded or removed its dependents are loaded afresh, since their
 * class loaders have linked the classes of the version they saw.
 */
@Singleton
public class PluginService {
    private static final Logger LOG = LoggerFactory.getLogger(PluginService.class);
    private static final String STAGING = ".staging";
    /** Where an upgrade keeps the version it replaces until the new one runs: a crash leaves one of them installed. */
    private static final String PREVIOUS = ".previous";

    private final PortholePluginManager manager;
    private final PluginsConfiguration configuration;
    private final PluginServices services;
    private final Map<String, Installed> installed = new LinkedHashMap<>();
    private EnabledStates enabled;

    PluginService(PortholePluginManager manager, PluginsConfiguration configuration, PluginServices services) {
        this.manager = manager;
        this.configuration = configuration;
        this.services = services;
    }

    /** An installed plugin: where it stands, why, and while STARTED what runs it. */
    private static final class Installed {
        final PluginWrapper wrapper;
        PluginState state = PluginState.DISABLED;
        String reason;
        /** Why it is FAILED; a plugin that waits for a dependency starts when that one does. */
        StartFailure.Kind failure;

        Running running;

        Installed(PluginWrapper wrapper) {
            this.wrapper = wrapper;
        }

        String id() {
            return wrapper.getPluginId();
        }

        String version() {
            return wrapper.getDescriptor().getVersion();
        }

        List<PluginDependency> dependencies() {
            return wrapper.getDescriptor().getDependencies();
        }

        boolean needs(String pluginId) {
            return dependencies().stream().anyMatch(d -> d.getPluginId().equals(pluginId));
        }
    }

    /** What an install did: installed a new plugin, or upgraded an installed one. */
    public record Installation(PluginView plugin, boolean upgraded) {}

    private record Running(PortholePlugin plugin, HostPluginContext context, PluginExecutor executor) {}

    /** Why a plugin did not start; it is FAILED with {@code reason} by then. */
    private static final class StartFailure extends Exception {
        enum Kind {
            NOT_A_PLUGIN,
            INCOMPATIBLE,
            DEPENDENCY,
            ROUTE_CONFLICT,
            FAILED
        }

        final Kind kind;
        final String reason;

        StartFailure(Kind kind, String reason) {
            super(reason, null, false, false);
            this.kind = kind;
            this.reason = reason;
        }
    }

    @EventListener
    synchronized void startInstalled(StartupEvent event) {
        Path dir = configuration.dir();
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                copyBuiltins(dir);
            }
            restoreInterruptedUpgrades(dir);
            deleteRecursively(dir.resolve(STAGING));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the plugins directory " + dir.toAbsolutePath(), e);
        }
        enabled = new EnabledStates(dir);
        manager.loadPlugins();
        manager.getPlugins().forEach(this::register);
        for (Installed plugin : inDependencyOrder()) {
            if (enabled.isEnabled(plugin.id())) {
                startOrFail(plugin);
            }
        }
        LOG.info("Plugins in {}: {}", dir.toAbsolutePath(), installed.isEmpty() ? "none" : describe());
    }

    @PreDestroy
    synchronized void stopAll() {
        List<Installed> dependentsFirst = new ArrayList<>(inDependencyOrder());
        Collections.reverse(dependentsFirst);
        dependentsFirst.forEach(this::stop);
    }

    public synchronized List<PluginView> list() {
        return installed.values().stream().map(this::view).toList();
    }

    public synchronized PluginView get(String id) {
        return view(require(id));
    }

    /**
     * Installs the uploaded archive and starts it, or, when a lower version of the same plugin is installed, upgrades
     * that one in place. Refused with nothing changed: a bad archive, an incompatible API version, the same or a lower
     * version than the installed one, a route claimed by another plugin, and a plugin whose start throws.
     */
    public synchronized Installation install(Path upload) {
        Path staging =
                configuration.dir().resolve(STAGING).resolve(UUID.randomUUID().toString());
        try {
            Files.createDirectories(staging);
            PluginArchive archive = PluginArchive.read(
                    Files.move(upload, staging.resolve("upload"), StandardCopyOption.REPLACE_EXISTING));
            checkInstallable(archive.descriptor());
            checkDependencies(archive.descriptor());
            Installed existing = installed.get(archive.descriptor().getPluginId());
            return existing == null
                    ? new Installation(installNew(archive), false)
                    : new Installation(upgrade(existing, archive), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(staging.getParent());
            deleteQuietly(upload);
        }
    }

    private PluginView installNew(PluginArchive archive) throws IOException {
        String id = archive.descriptor().getPluginId();
        Path target = targetOf(archive);
        if (Files.exists(target)) {
            throw ApiException.conflict("the plugins directory already holds " + target.getFileName()
                    + " of no installed plugin; remove it first");
        }
        Files.move(archive.pluginPath(), target, StandardCopyOption.ATOMIC_MOVE);
        Installed plugin;
        try {
            plugin = register(load(target));
        } catch (RuntimeException e) {
            deleteQuietly(target);
            throw e;
        }
        enabled.set(id, true);
        try {
            start(plugin);
        } catch (StartFailure failure) {
            remove(plugin);
            throw refusal(plugin, failure, "");
        }
        LOG.info("Installed plugin {} {}", id, plugin.version());
        startThoseWaiting();
        return view(plugin);
    }

    /**
     * Replaces {@code existing} with the archive's higher version: the old one stops, the new one starts on the same
     * storage, whose migrations it carries forward. When the new version cannot start, the old one is put back and
     * started again; the storage stays migrated, so a plugin's migrations must keep its previous version working.
     * Its dependents stop before and start again after, whichever version then runs; one that cannot start is FAILED
     * with its reason, which does not undo the upgrade.
     */
    private PluginView upgrade(Installed existing, PluginArchive archive) throws IOException {
        String id = existing.id();
        String version = archive.descriptor().getVersion();
        if (manager.getVersionManager().compareVersions(version, existing.version()) <= 0) {
            throw ApiException.coded(
                    HttpStatus.CONFLICT,
                    "PLUGIN_VERSION_NOT_NEWER",
                    "plugin '" + id + "' " + existing.version() + " is installed already, and " + version
                            + " is not newer; remove it first to install the same or an older version");
        }
        List<Installed> dependents = unloadDependents(id);
        try {
            return replace(existing, archive);
        } finally {
            loadAgain(dependents);
        }
    }

    private PluginView replace(Installed existing, PluginArchive archive) throws IOException {
        String id = existing.id();
        String version = archive.descriptor().getVersion();
        boolean start = enabled.isEnabled(id);
        Path oldPath = existing.wrapper.getPluginPath();
        Path kept =
                Files.createDirectories(configuration.dir().resolve(PREVIOUS)).resolve(oldPath.getFileName());
        deleteRecursively(kept);
        withdraw(existing);
        Files.move(oldPath, kept, StandardCopyOption.ATOMIC_MOVE);
        Path target = targetOf(archive);
        Files.move(archive.pluginPath(), target, StandardCopyOption.ATOMIC_MOVE);
        Installed upgraded = null;
        try {
            upgraded = register(load(target));
            if (start) {
                start(upgraded);
            }
        } catch (StartFailure | RuntimeException e) {
            if (upgraded != null) {
                withdraw(upgraded);
            }
            deleteQuietly(target);
            Files.move(kept, oldPath, StandardCopyOption.ATOMIC_MOVE);
            deleteQuietly(kept.getParent());
            Installed restored = register(load(oldPath));
            if (start) {
                startOrFail(restored);
            }
            String aftermath = "; version " + restored.version() + " is installed again"
                    + (restored.state == PluginState.STARTED ? " and serving" : "");
            LOG.warn("Upgrade of plugin {} to {} refused{}", id, version, aftermath);
            if (e instanceof StartFailure failure) {
                throw refusal(upgraded, failure, aftermath);
            }
            throw e instanceof ApiException api
                    ? new ApiException(api.status(), api.getMessage() + aftermath, api.fieldErrors())
                    : (RuntimeException) e;
        }
        deleteQuietly(kept.getParent());
        LOG.info("Upgraded plugin {} from {} to {}", id, existing.version(), version);
        return view(upgraded);
    }

    /**
     * Enables the plugin and starts it. A plugin that cannot start is refused with the reason, and stays installed,
     * enabled and FAILED with it (so that the next server start tries again).
     */
    public synchronized PluginView enable(String id) {
        Installed plugin = require(id);
        enabled.set(id, true);
        if (plugin.state != PluginState.STARTED) {
            try {
                start(plugin);
            } catch (StartFailure failure) {
                throw refusal(plugin, failure, "");
            }
            startThoseWaiting();
        }
        return view(plugin);
    }

    /** Stops the plugin and keeps it stopped across restarts; refused while an enabled plugin needs it. */
    public synchronized PluginView disable(String id) {
        Installed plugin = require(id);
        if (enabled.isEnabled(id)) {
            checkNotNeeded(plugin);
        }
        enabled.set(id, false);
        stop(plugin);
        plugin.state = PluginState.DISABLED;
        plugin.reason = null;
        plugin.failure = null;
        return view(plugin);
    }

    /** Removes the plugin; refused while an enabled plugin needs it. Its disabled dependents are loaded afresh. */
    public synchronized void uninstall(String id) {
        Installed plugin = require(id);
        checkNotNeeded(plugin);
        List<Installed> dependents = unloadDependents(id);
        try {
            remove(plugin);
        } finally {
            loadAgain(dependents);
        }
        LOG.info("Removed plugin {}", id);
    }

    /** A plugin that an enabled plugin depends on stays until that one is disabled or removed. */
    private void checkNotNeeded(Installed plugin) {
        List<String> dependents = installed.values().stream()
                .filter(p -> p.needs(plugin.id()) && enabled.isEnabled(p.id()))
                .map(p -> "'" + p.id() + "'")
                .sorted()
                .toList();
        if (!dependents.isEmpty()) {
            throw ApiException.coded(
                    HttpStatus.CONFLICT,
                    "PLUGIN_NEEDED",
                    "plugin '" + plugin.id() + "' is needed by " + String.join(", ", dependents)
                            + "; disable or remove " + (dependents.size() == 1 ? "that" : "those") + " first");
        }
    }

    /**
     * Stops and unloads the plugins that depend on {@code id}, directly or through others, before it is replaced or
     * removed: their class loaders have linked its classes.
     *
     * @return them, dependencies first
     */
    private List<Installed> unloadDependents(String id) {
        List<Installed> dependents = dependentsOf(id);
        for (int i = dependents.size() - 1; i >= 0; i--) {
            withdraw(dependents.get(i));
        }
        return dependents;
    }

    /** Loads the unloaded dependents from their files again, with new class loaders, and starts the enabled ones. */
    private void loadAgain(List<Installed> dependents) {
        for (Installed dependent : dependents) {
            Installed again;
            try {
                again = register(load(dependent.wrapper.getPluginPath()));
            } catch (RuntimeException e) {
                // its file stays, so the next server start shows it with the reason
                LOG.error("Plugin {} could not be loaded again after a change of its dependencies", dependent.id(), e);
                continue;
            }
            if (enabled.isEnabled(again.id())) {
                startOrFail(again);
            }
        }
    }

    /** Starts the enabled plugins that were waiting for a dependency that now runs. */
    private void startThoseWaiting() {
        for (Installed plugin : inDependencyOrder()) {
            if (plugin.failure == StartFailure.Kind.DEPENDENCY
                    && enabled.isEnabled(plugin.id())
                    && unmetDependency(plugin.wrapper.getDescriptor()) == null) {
                startOrFail(plugin);
            }
        }
    }

    private void checkInstallable(PluginDescriptor descriptor) {
        String id = descriptor.getPluginId();
        if (!PluginIds.isValid(id)) {
            throw ApiException.invalidField(PluginArchive.FIELD, "plugin id '" + id + "' must be " + PluginIds.RULE);
        }
        try {
            manager.getVersionManager().compareVersions(descriptor.getVersion(), "0.0.0");
        } catch (RuntimeException e) {
            throw ApiException.invalidField(
                    PluginArchive.FIELD,
                    "version '" + descriptor.getVersion() + "' of plugin '" + id
                            + "' is not a semantic version such as 1.0.0");
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
        // an install always names a range; only a plugin installed by an older server may have none
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

    /**
     * An archive is installable only when each plugin it depends on is installed, in a version it accepts; whether
     * that one runs is checked when it starts.
     */
    private void checkDependencies(PluginDescriptor descriptor) {
        String id = descriptor.getPluginId();
        for (PluginDependency dependency : descriptor.getDependencies()) {
            String problem = dependencyProblem(dependency);
            if (problem != null) {
                throw ApiException.invalidField(PluginArchive.FIELD, "plugin '" + id + "' " + problem);
            }
        }
        if (reaches(descriptor.getDependencies(), id, new HashSet<>())) {
            throw ApiException.invalidField(
                    PluginArchive.FIELD,
                    "plugin '" + id + "' would depend on itself through plugin.dependencies; PF4J cannot order a"
                            + " cycle");
        }
    }

    /** Whether one of {@code dependencies}, or one of the installed plugins they lead to, is {@code id}. */
    private boolean reaches(List<PluginDependency> dependencies, String id, Set<String> seen) {
        for (PluginDependency dependency : dependencies) {
            String next = dependency.getPluginId();
            if (next.equals(id)) {
                return true;
            }
            Installed plugin = installed.get(next);
            if (plugin != null && seen.add(next) && reaches(plugin.dependencies(), id, seen)) {
                return true;
            }
        }
        return false;
    }

    /** Why the plugin cannot start for want of a dependency, or null when every one it needs runs. */
    @Nullable
    private String unmetDependency(PluginDescriptor descriptor) {
        for (PluginDependency dependency : descriptor.getDependencies()) {
            String problem = dependencyProblem(dependency);
            if (problem != null) {
                return problem;
            }
            if (installed.get(dependency.getPluginId()).state != PluginState.STARTED) {
                return "needs plugin '" + dependency.getPluginId() + "', which is not running";
            }
        }
        return null;
    }

    /** What is wrong with a dependency as things are installed, in words that follow the plugin's name; or null. */
    @Nullable
    private String dependencyProblem(PluginDependency dependency) {
        String id = dependency.getPluginId();
        if (dependency.isOptional()) {
            // PF4J leaves optional dependencies out of its ordering, and its class loader skips a missing one
            return "has the optional dependency '" + id + "?'; plugins depend on others only as required";
        }
        Installed needed = installed.get(id);
        if (needed == null) {
            return "needs plugin '" + id + "', which is not installed";
        }
        String range = dependency.getPluginVersionSupport();
        boolean accepted;
        try {
            accepted = manager.getVersionManager().checkVersionConstraint(needed.version(), range);
        } catch (RuntimeException e) {
            return "names '" + id + "@" + range + "' in plugin.dependencies; " + range
                    + " is not a version range such as >=1.0.0";
        }
        return accepted
                ? null
                : "needs plugin '" + id + "' " + range + "; version " + needed.version() + " is installed";
    }

    /** The installed plugins, each after the plugins it depends on, else by id. A cycle is cut where it closes. */
    private List<Installed> inDependencyOrder() {
        Set<Installed> ordered = new LinkedHashSet<>();
        Set<String> visiting = new HashSet<>();
        installed.values().stream()
                .sorted(Comparator.comparing(Installed::id))
                .forEach(plugin -> visit(plugin, ordered, visiting));
        return List.copyOf(ordered);
    }

    private void visit(Installed plugin, Set<Installed> ordered, Set<String> visiting) {
        if (!visiting.add(plugin.id())) {
            return;
        }
        for (PluginDependency dependency : plugin.dependencies()) {
            Installed needed = installed.get(dependency.getPluginId());
            if (needed != null) {
                visit(needed, ordered, visiting);
            }
        }
        ordered.add(plugin);
    }

    /** The plugins that depend on {@code id}, directly or through others, dependencies first. */
    private List<Installed> dependentsOf(String id) {
        Set<String> reached = new HashSet<>(Set.of(id));
        List<Installed> dependents = new ArrayList<>();
        for (Installed plugin : inDependencyOrder()) {
            if (plugin.dependencies().stream().anyMatch(d -> reached.contains(d.getPluginId()))) {
                reached.add(plugin.id());
                dependents.add(plugin);
            }
        }
        return dependents;
    }

    private PluginWrapper load(Path target) {
        try {
            String id = manager.loadPlugin(target);
            return manager.getPlugin(id);
        } catch (RuntimeException e) {
            throw ApiException.invalidField(PluginArchive.FIELD, "could not be loaded: " + e.getMessage());
        }
    }

    private Installed register(PluginWrapper wrapper) {
        Installed plugin = new Installed(wrapper);
        installed.put(plugin.id(), plugin);
        return plugin;
    }

    private static final String NO_EXTENSION = "no class of the plugin implements dev.porthole.api.PortholePlugin";

    private void startOrFail(Installed plugin) {
        try {
            start(plugin);
        } catch (StartFailure failure) {
            // FAILED with the reason, shown in the view
        }
    }

    /** Starts a plugin; when it cannot start it is FAILED with the reason, which is thrown. */
    private void start(Installed plugin) throws StartFailure {
        String id = plugin.id();
        String incompatibility = incompatibility(plugin.wrapper.getDescriptor());
        if (incompatibility != null) {
            throw fail(plugin, StartFailure.Kind.INCOMPATIBLE, incompatibility);
        }
        // checked here, so that PF4J's own start, which would start the dependencies itself, finds them running
        String unmet = unmetDependency(plugin.wrapper.getDescriptor());
        if (unmet != null) {
            throw fail(plugin, StartFailure.Kind.DEPENDENCY, unmet);
        }
        List<PortholePlugin> extensions;
        List<Class<?>> extensionClasses;
        try {
            if (manager.startPlugin(id) != org.pf4j.PluginState.STARTED) {
                throw fail(plugin, StartFailure.Kind.FAILED, "PF4J did not start it: " + pf4jReason(plugin));
            }
            extensions = manager.getExtensions(PortholePlugin.class, id);
            extensionClasses = manager.getExtensionClasses(id);
        } catch (RuntimeException e) {
            manager.stopAlone(id);
            throw fail(plugin, StartFailure.Kind.FAILED, "could not be loaded: " + e.getMessage());
        }
        if (extensions.size() != 1) {
            manager.stopAlone(id);
            throw fail(
                    plugin,
                    StartFailure.Kind.NOT_A_PLUGIN,
                    extensions.isEmpty()
                            ? NO_EXTENSION + " with @org.pf4j.Extension"
                            : "more than one class implements PortholePlugin: "
                                    + extensions.stream()
                                            .map(e -> e.getClass().getName())
                                            .toList());
        }
        ClassLoader loader = plugin.wrapper.getPluginClassLoader();
        PluginExecutor executor = new PluginExecutor(id, loader, configuration.threads());
        HostPluginContext context = new HostPluginContext(id, plugin.version(), executor, services);
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
            manager.stopAlone(id);
            if (cause instanceof RouteConflictException conflict) {
                throw fail(plugin, StartFailure.Kind.ROUTE_CONFLICT, conflict.getMessage());
            }
            if (!(cause instanceof IllegalArgumentException) && !(e instanceof TimeoutException)) {
                LOG.warn("Plugin {} failed to start", id, cause);
            }
            throw fail(
                    plugin,
                    StartFailure.Kind.FAILED,
                    e instanceof TimeoutException
                            ? "did not start within "
                                    + configuration.startTimeout().toSeconds() + " s"
                            : reasonOf(cause));
        }
        plugin.running = running;
        plugin.state = PluginState.STARTED;
        plugin.reason = null;
        plugin.failure = null;
        services.extensions().offer(id, running.plugin(), extensionClasses);
    }

    /** Why PF4J left the plugin in the state it is in: its exception, or its state when it kept none. */
    private static String pf4jReason(Installed plugin) {
        Throwable failed = plugin.wrapper.getFailedException();
        return failed != null ? reasonOf(failed) : "it is " + plugin.wrapper.getPluginState();
    }

    /** The answer to a request whose plugin did not start: the reason, in the words and status of its kind. */
    private static ApiException refusal(Installed plugin, StartFailure failure, String aftermath) {
        return switch (failure.kind) {
            case NOT_A_PLUGIN, INCOMPATIBLE ->
                ApiException.invalidField(PluginArchive.FIELD, failure.reason + aftermath);
            case DEPENDENCY ->
                ApiException.coded(
                        HttpStatus.CONFLICT,
                        "PLUGIN_DEPENDENCY_NOT_RUNNING",
                        "plugin '" + plugin.id() + "' " + plugin.version() + " cannot start: it " + failure.reason
                                + aftermath);
            case ROUTE_CONFLICT ->
                ApiException.coded(HttpStatus.CONFLICT, "ROUTE_CONFLICT", failure.reason + aftermath);
            case FAILED ->
                ApiException.coded(
                        HttpStatus.UNPROCESSABLE_ENTITY,
                        "PLUGIN_START_FAILED",
                        "plugin '" + plugin.id() + "' " + plugin.version() + " failed to start: " + failure.reason
                                + aftermath);
        };
    }

    private void stop(Installed plugin) {
        Running running = plugin.running;
        if (running == null) {
            return;
        }
        plugin.running = null;
        String id = plugin.id();
        services.extensions().withdraw(id);
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
        manager.stopAlone(id);
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

    /** Stops the plugin and unloads its classes; its files and enabled state stay. */
    private void withdraw(Installed plugin) {
        stop(plugin);
        manager.unloadAlone(plugin.id());
        installed.remove(plugin.id());
    }

    private void remove(Installed plugin) {
        Path path = plugin.wrapper.getPluginPath();
        withdraw(plugin);
        enabled.forget(plugin.id());
        deleteQuietly(path);
    }

    private static StartFailure fail(Installed plugin, StartFailure.Kind kind, String reason) {
        plugin.state = PluginState.FAILED;
        plugin.reason = reason;
        plugin.failure = kind;
        plugin.running = null;
        LOG.warn("Plugin {} FAILED: {}", plugin.id(), reason);
        return new StartFailure(kind, reason);
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
                .map(p -> p.id() + " " + p.version() + " " + p.state)
                .reduce((a, b) -> a + ", " + b)
                .orElse("");
    }

    /** A plugin's place in the plugins directory: {@code <id>.jar}, or a directory {@code <id>} unpacked from a zip. */
    private Path targetOf(PluginArchive archive) {
        String id = archive.descriptor().getPluginId();
        return configuration.dir().resolve(archive.isJar() ? id + ".jar" : id);
    }

    /** A version an upgrade was replacing when the server stopped goes back unless its successor is in place. */
    private static void restoreInterruptedUpgrades(Path dir) throws IOException {
        Path previous = dir.resolve(PREVIOUS);
        if (!Files.isDirectory(previous)) {
            return;
        }
        try (DirectoryStream<Path> kept = Files.newDirectoryStream(previous)) {
            for (Path old : kept) {
                String id = old.getFileName().toString().replaceFirst("\\.jar$", "");
                if (Files.exists(dir.resolve(id)) || Files.exists(dir.resolve(id + ".jar"))) {
                    deleteRecursively(old);
                } else {
                    Files.move(old, dir.resolve(old.getFileName()), StandardCopyOption.ATOMIC_MOVE);
                    LOG.warn("Restored plugin {}: the server stopped while upgrading it", id);
                }
            }
        }
        deleteRecursively(previous);
    }

    /** Built-ins go through the checks of an upload; one that fails them is left out with the reason in the log. */
    private void copyBuiltins(Path dir) throws IOException {
        Path builtins = configuration.builtinDir();
        if (builtins == null || !Files.isDirectory(builtins)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(builtins, "*.{jar,zip}")) {
            for (Path file : files) {
                Path staging = Files.createDirectories(
                        dir.resolve(STAGING).resolve(UUID.randomUUID().toString()));
                try {
                    PluginArchive archive = PluginArchive.read(Files.copy(file, staging.resolve("upload")));
                    Files.move(archive.pluginPath(), targetOf(archive));
                    LOG.info("Installed built-in plugin {}", file.getFileName());
                } catch (ApiException e) {
                    LOG.warn("Built-in plugin {} left out: {}", file.getFileName(), e.getMessage());
                }
            }
        } finally {
            deleteRecursively(dir.resolve(STAGING));
        }
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
