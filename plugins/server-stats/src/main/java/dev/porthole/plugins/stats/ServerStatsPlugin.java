package dev.porthole.plugins.stats;

import dev.porthole.api.PluginContext;
import dev.porthole.api.PortholePlugin;
import dev.porthole.api.jobs.Schedule;
import dev.porthole.plugins.stats.history.HistoryStore;
import dev.porthole.plugins.stats.metrics.MetricsBoard;
import dev.porthole.plugins.stats.metrics.MetricsPoller;
import dev.porthole.plugins.stats.polling.HostPolling;
import dev.porthole.plugins.stats.polling.Inventory;
import dev.porthole.plugins.stats.polling.PollScheduler;
import dev.porthole.plugins.stats.prometheus.PrometheusRoute;
import dev.porthole.plugins.stats.routes.ControlRoutes;
import dev.porthole.plugins.stats.routes.HistoryRoutes;
import dev.porthole.plugins.stats.routes.MetricsRoutes;
import dev.porthole.plugins.stats.routes.SettingsRoutes;
import dev.porthole.plugins.stats.routes.StatusRoutes;
import dev.porthole.plugins.stats.routes.ViewerRoutes;
import dev.porthole.plugins.stats.settings.SettingsStore;
import dev.porthole.plugins.stats.status.StatusBoard;
import dev.porthole.plugins.stats.status.StatusChecker;
import dev.porthole.plugins.stats.viewers.Viewers;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.pf4j.Extension;

/**
 * Spec 002, host status and metrics over SSH with no agent on the host. Every host of the inventory is checked from
 * the start (a probe of its SSH server, no login); a host's metrics are polled, one exec per poll, while someone views
 * them. Everything runs as jobs and on the plugin's executor, so stopping the plugin stops every schedule and poll.
 */
@Extension
public class ServerStatsPlugin implements PortholePlugin {
    static final Duration TICK = Duration.ofSeconds(1);
    static final Duration VIEWER_SWEEP = Duration.ofSeconds(10);
    static final Duration HISTORY_FLUSH = Duration.ofSeconds(5);
    static final Duration HISTORY_PRUNE = Duration.ofHours(1);
    /** A safety net under the inventory's change events, which say at once what changed. */
    static final Duration INVENTORY_REFRESH = Duration.ofMinutes(5);

    @Override
    public void start(PluginContext context) {
        StatsOptions options = StatsOptions.read(context.settings());
        SettingsStore settings = SettingsStore.load(context.storage().dataSource());
        Inventory inventory = new Inventory(context.hosts());
        StatusBoard statuses = new StatusBoard();
        MetricsBoard snapshots = new MetricsBoard();
        HistoryStore history =
                new HistoryStore(context.storage().dataSource(), context.clock(), () -> settings.current()
                        .retention());
        StatusChecker checker = new StatusChecker(inventory, context.ssh(), statuses, context.clock());
        MetricsPoller poller = new MetricsPoller(
                inventory,
                context.ssh(),
                snapshots,
                context.clock(),
                options.pollMode(),
                checker::loggedIn,
                history::add);
        PollScheduler statusSchedule = new PollScheduler(
                "status",
                context.clock(),
                context.executor(),
                options.statusConcurrency(),
                () -> settings.current().statusInterval(),
                checker::check,
                ThreadLocalRandom.current());
        PollScheduler metricsSchedule = new PollScheduler(
                "metrics",
                context.clock(),
                context.executor(),
                options.metricsConcurrency(),
                () -> settings.current().metricsPeriod(),
                poller::poll,
                ThreadLocalRandom.current());
        HostPolling polling = new HostPolling(
                inventory, statusSchedule, metricsSchedule, statuses, snapshots, history::deleteHost, context.clock());
        Viewers viewers = polling.viewers();

        MetricsRoutes metricsRoutes =
                new MetricsRoutes(context.hosts(), context.ssh(), snapshots, viewers, polling, context.clock());
        new StatusRoutes(context.hosts(), statuses).register(context);
        new PrometheusRoute(context.hosts(), statuses, snapshots, poller).register(context);
        metricsRoutes.register(context);
        new HistoryRoutes(context.hosts(), history, settings, context.clock()).register(context);
        new ViewerRoutes(context.hosts(), viewers).register(context);
        new ControlRoutes(context.hosts(), polling, inventory, context.ssh()).register(context);
        new SettingsRoutes(settings, polling::intervalsChanged).register(context);

        context.hosts().onChange(change -> polling.refresh(change.hostId()));
        context.schedule("status", Schedule.every(TICK), statusSchedule::tick);
        context.schedule("metrics", Schedule.every(TICK), metricsSchedule::tick);
        context.schedule("viewers", Schedule.every(VIEWER_SWEEP), () -> {
            viewers.expire();
            metricsRoutes.expirePending();
        });
        context.schedule("history-flush", Schedule.every(HISTORY_FLUSH), history::flush);
        context.schedule(
                "history-prune", Schedule.every(HISTORY_PRUNE).withInitialDelay(Duration.ofMinutes(1)), history::prune);
        context.schedule("inventory", Schedule.every(INVENTORY_REFRESH), polling::refresh);
        context.executor().execute(polling::refresh);
    }
}
