package dev.porthole.platform.plugins;

import dev.porthole.platform.config.PluginSettingsSource;
import dev.porthole.platform.dispatch.RouteRegistry;
import dev.porthole.platform.events.EventHub;
import dev.porthole.platform.hosts.HostChanges;
import dev.porthole.platform.hosts.PluginHosts;
import dev.porthole.platform.jobs.JobScheduler;
import dev.porthole.platform.json.JsonTrees;
import dev.porthole.platform.ssh.DefaultSshConnections;
import dev.porthole.platform.storage.PluginStorages;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The host services behind every plugin's context, in one place. */
@Singleton
record PluginServices(
        RouteRegistry routes,
        JobScheduler jobs,
        EventHub events,
        PluginStorages storages,
        PluginSettingsSource settings,
        PluginHosts hosts,
        HostChanges hostChanges,
        DefaultSshConnections ssh,
        JsonTrees json,
        Clock clock,
        PluginExtensions extensions) {}
