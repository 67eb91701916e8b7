package dev.porthole.platform.plugins;

import java.nio.file.Path;
import org.pf4j.DefaultPluginManager;
import org.pf4j.DependencyResolver;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * PF4J's plugin manager, with plugin dependencies left to {@link PluginService}, which refuses what would break a
 * dependent and says why. PF4J on its own stops and unloads a plugin's dependents with it, behind the service's back;
 * and it fails every later load once one plugin misses a dependency (or, with its other recovery strategy, unloads
 * that plugin, which would then vanish from the admin API instead of showing why it does not start).
 */
final class PortholePluginManager extends DefaultPluginManager {

    PortholePluginManager(Path pluginsDir) {
        super(pluginsDir);
    }

    @Override
    protected PluginDescriptorFinder createPluginDescriptorFinder() {
        return PluginFactory.descriptorFinder();
    }

    /** Stops this plugin only; {@code stopPlugin(id)} would stop its dependents first. */
    PluginState stopAlone(String pluginId) {
        return stopPlugin(pluginId, false);
    }

    /** Unloads this plugin only; {@code unloadPlugin(id)} would unload its dependents too, closing their loaders. */
    void unloadAlone(String pluginId) {
        unloadPlugin(pluginId, false);
    }

    /**
     * Every loaded plugin stays loaded and resolved, in dependency order, whatever its dependencies: one that misses a
     * dependency, or has one in a version it does not accept, is kept from starting by the service, with the reason.
     * A cycle resolves nothing; installs refuse one, so only hand-made plugins directories have it.
     */
    @Override
    protected DependencyResolver.Result resolveDependencies() {
        return dependencyResolver.resolve(
                plugins.values().stream().map(PluginWrapper::getDescriptor).toList());
    }
}
