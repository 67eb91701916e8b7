package dev.porthole.platform.storage;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Enumeration;

/**
 * A plugin's class loader as Flyway sees it: the migrations are those of the plugin's own jar or directory. A PF4J
 * plugin class loader answers resource lookups from the plugins it depends on too, which would run a dependency's
 * migrations again as the dependent's. Everything else (classes, Flyway's own service files) is looked up as usual.
 */
final class OwnMigrations extends ClassLoader {
    private final URLClassLoader plugin;

    private OwnMigrations(URLClassLoader plugin) {
        super(plugin);
        this.plugin = plugin;
    }

    /** PF4J's loaders are URL class loaders; any other loader has no dependencies to hide. */
    static ClassLoader of(ClassLoader pluginLoader) {
        return pluginLoader instanceof URLClassLoader urls ? new OwnMigrations(urls) : pluginLoader;
    }

    @Override
    public URL getResource(String name) {
        return isMigration(name) ? plugin.findResource(name) : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return isMigration(name) ? plugin.findResources(name) : super.getResources(name);
    }

    private static boolean isMigration(String name) {
        return name.startsWith(PluginStorages.MIGRATIONS);
    }
}
