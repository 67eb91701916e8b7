package dev.porthole.platform.plugins;

import dev.porthole.api.PortholePlugin;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.pf4j.ExtensionFactory;
import org.pf4j.PluginManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The extensions of the started plugins, behind {@code PluginContext.extensions}. Lookups come from any plugin's threads
 * while plugins are installed and removed, some of them from a plugin's start or stop that an install is waiting for:
 * so they never take the plugin service's lock, and they read what a plugin offered when it started instead of asking
 * PF4J, whose state is not safe to read while an install changes it.
 */
@Singleton
final class PluginExtensions {
    private static final Logger LOG = LoggerFactory.getLogger(PluginExtensions.class);

    private final ExtensionFactory factory;
    private final Map<String, Offer> started = new ConcurrentSkipListMap<>();

    PluginExtensions(PluginManager manager) {
        this.factory = manager.getExtensionFactory();
    }

    /**
     * What one start of a plugin offers: its running instance and its extension classes. Instances of the other
     * classes are made on their first lookup and go with the offer when the plugin stops.
     */
    private static final class Offer {
        final String pluginId;
        final PortholePlugin plugin;
        final List<Class<?>> classes;
        final Map<Class<?>, Object> instances = new ConcurrentHashMap<>();

        Offer(String pluginId, PortholePlugin plugin, List<Class<?>> classes) {
            this.pluginId = pluginId;
            this.plugin = plugin;
            this.classes = List.copyOf(classes);
        }
    }

    /** The plugin has started: its extensions are found from now on. */
    void offer(String pluginId, PortholePlugin plugin, List<Class<?>> extensionClasses) {
        started.put(pluginId, new Offer(pluginId, plugin, extensionClasses));
    }

    /** The plugin is stopping: its extensions are no longer found, and the instances made for it are dropped. */
    void withdraw(String pluginId) {
        started.remove(pluginId);
    }

    /** The extensions of {@code type} of the started plugins, ordered by plugin id. */
    <T> List<T> find(Class<T> type) {
        List<T> found = new ArrayList<>();
        for (Offer offer : started.values()) {
            for (Class<?> extension : offer.classes) {
                if (!type.isAssignableFrom(extension)) {
                    continue;
                }
                Object instance = instanceOf(offer, extension);
                if (instance != null) {
                    found.add(type.cast(instance));
                }
            }
        }
        return List.copyOf(found);
    }

    /** The running plugin for its own class, which is what its start set up; one instance per start otherwise. */
    private Object instanceOf(Offer offer, Class<?> extension) {
        if (extension == offer.plugin.getClass()) {
            return offer.plugin;
        }
        try {
            return offer.instances.computeIfAbsent(extension, factory::create);
        } catch (RuntimeException e) {
            LOG.warn(
                    "Extension {} of plugin {} cannot be made; it is left out", extension.getName(), offer.pluginId, e);
            return null;
        }
    }
}
