package dev.porthole.platform.plugins;

import dev.porthole.api.PluginApiVersion;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.pf4j.CompoundPluginDescriptorFinder;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PropertiesPluginDescriptorFinder;

@Factory
class PluginFactory {

    /**
     * PF4J loads plugins from the plugins directory: a {@code .jar}, or a directory unpacked from a {@code .zip} with
     * {@code classes/} and {@code lib/}. The descriptor is {@code plugin.properties} or the jar manifest. The system
     * version PF4J checks {@code Plugin-Requires} against is the plugin-api version.
     */
    @Singleton
    PortholePluginManager pluginManager(PluginsConfiguration configuration) {
        PortholePluginManager manager = new PortholePluginManager(configuration.dir());
        manager.setSystemVersion(apiVersion());
        return manager;
    }

    static PluginDescriptorFinder descriptorFinder() {
        return new CompoundPluginDescriptorFinder()
                .add(new PropertiesPluginDescriptorFinder())
                .add(new ManifestPluginDescriptorFinder());
    }

    /**
     * The plugin-api version plugins are checked against, without a pre-release qualifier: a 0.1.0-SNAPSHOT build
     * offers the 0.1.0 API, so {@code Plugin-Requires: >=0.1.0} accepts it.
     */
    static String apiVersion() {
        String version = PluginApiVersion.current();
        int qualifier = version.indexOf('-');
        return qualifier < 0 ? version : version.substring(0, qualifier);
    }
}
