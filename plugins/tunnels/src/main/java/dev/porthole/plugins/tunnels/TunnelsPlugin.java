package dev.porthole.plugins.tunnels;

import dev.porthole.api.Caller;
import dev.porthole.api.PluginContext;
import dev.porthole.api.PortholePlugin;
import dev.porthole.api.hosts.Host;
import dev.porthole.api.hosts.Hosts;
import dev.porthole.api.hosts.TunnelDefinition;
import dev.porthole.api.jobs.Schedule;
import dev.porthole.plugins.tunnels.relay.ClientRelay;
import dev.porthole.plugins.tunnels.routes.TunnelRoutes;
import dev.porthole.plugins.tunnels.run.Backoff;
import dev.porthole.plugins.tunnels.run.Opener;
import dev.porthole.plugins.tunnels.run.Planner;
import dev.porthole.plugins.tunnels.run.TunnelRegistry;
import dev.porthole.plugins.tunnels.status.StatusBoard;
import dev.porthole.plugins.tunnels.status.StatusStreams;
import dev.porthole.plugins.tunnels.status.UsableHosts;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spec 001, server-to-server SSH tunnels and the client relay: the routes, a tick that starts retries when due (every tenth of a second, so
 * that a retry comes at its interval and not up to a second later), the traffic figures every second, the keepalive
 * probe, the status stream's flush and keepalive, and the tunnels marked auto-start, brought up as their host's owner
 * when the plugin starts. Stopping the plugin closes every tunnel and so frees its ports.
 */
@Extension
public class TunnelsPlugin implements PortholePlugin {
    private static final Logger LOG = LoggerFactory.getLogger(TunnelsPlugin.class);
    static final Duration TICK = Duration.ofMillis(100);
    static final Duration TRAFFIC = Duration.ofSeconds(1);
    static final Duration STREAM_KEEPALIVE = Duration.ofSeconds(30);

    private volatile TunnelRegistry tunnels;
    private volatile StatusStreams streams;

    @Override
    public void start(PluginContext context) {
        TunnelSettings settings = TunnelSettings.read(context.settings());
        StatusBoard board = new StatusBoard();
        Opener opener = new Opener(context.ssh());
        TunnelRegistry registry = new TunnelRegistry(
                board,
                context.executor(),
                context.clock(),
                opener::open,
                plan -> new Backoff(
                        plan.definition().retryInterval(), settings.retryCap(), () -> ThreadLocalRandom.current()
                                .nextDouble()));
        UsableHosts usable = new UsableHosts(context.hosts());
        StatusStreams statusStreams = new StatusStreams(board, usable);
        tunnels = registry;
        streams = statusStreams;
        Planner planner = new Planner(context.hosts(), settings);
        new TunnelRoutes(planner, registry, board, statusStreams, usable).register(context);
        context.websocket(
                ClientRelay.PATH,
                ClientRelay.ACCESS,
                new ClientRelay(context.hosts(), context.ssh(), context.json(), settings));
        context.schedule("tick", Schedule.every(TICK), registry::tick);
        context.schedule("traffic", Schedule.every(TRAFFIC), registry::refreshTraffic);
        context.schedule("keepalive", Schedule.every(settings.keepalive()), () -> registry.probe(settings.keepalive()));
        context.schedule("status-flush", Schedule.every(settings.statusInterval()), statusStreams::flush);
        context.schedule("status-keepalive", Schedule.every(STREAM_KEEPALIVE), statusStreams::keepalive);
        context.executor().execute(() -> autoStart(context.hosts(), planner, registry));
    }

    /** Every tunnel marked auto-start, as its host's owner; one that cannot be planned is logged and skipped. */
    private static void autoStart(Hosts hosts, Planner planner, TunnelRegistry registry) {
        for (Host host : hosts.all()) {
            if (!host.enableTunnels()) {
                continue;
            }
            Caller owner;
            try {
                owner = hosts.ownerOf(host.id());
            } catch (RuntimeException e) {
                LOG.warn("auto-start tunnels of host {} not started: {}", host.id(), e.getMessage());
                continue;
            }
            for (TunnelDefinition tunnel : hosts.tunnels(owner, host.id())) {
                if (!tunnel.autoStart()) {
                    continue;
                }
                try {
                    registry.connect(planner.plan(owner, host.id(), tunnel.index(), Optional.empty()));
                } catch (RuntimeException e) {
                    LOG.warn(
                            "auto-start tunnel {} of host {} not started: {}",
                            tunnel.index(),
                            host.id(),
                            e.getMessage());
                }
            }
        }
    }

    @Override
    public void stop() {
        StatusStreams open = streams;
        if (open != null) {
            open.close();
        }
        TunnelRegistry registry = tunnels;
        if (registry != null) {
            registry.stop();
        }
    }
}
