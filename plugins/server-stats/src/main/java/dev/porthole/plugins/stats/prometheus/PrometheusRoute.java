package dev.porthole.plugins.stats.prometheus;

import dev.porthole.api.PluginContext;
import dev.porthole.api.hosts.Hosts;
import dev.porthole.api.http.Access;
import dev.porthole.api.http.ErrorBodies;
import dev.porthole.api.http.Method;
import dev.porthole.api.http.Response;
import dev.porthole.plugins.stats.metrics.MetricsBoard;
import dev.porthole.plugins.stats.metrics.MetricsPoller;
import dev.porthole.plugins.stats.status.StatusBoard;

/**
 * {@code GET /metrics/prometheus}, for an existing Prometheus to scrape agentless host metrics: the hosts the caller
 * can see, in the text exposition format. A scrape job uses an API token with {@code read:stats} as its bearer token.
 */
public final class PrometheusRoute {
    public static final String PATH = "/metrics/prometheus";
    static final Access ACCESS = Access.authenticated().withScope("read:stats");

    private final Hosts hosts;
    private final PrometheusExport export;

    public PrometheusRoute(Hosts hosts, StatusBoard statuses, MetricsBoard snapshots, MetricsPoller poller) {
        this.hosts = hosts;
        this.export = new PrometheusExport(statuses, snapshots, poller);
    }

    public void register(PluginContext context) {
        context.route(
                Method.GET,
                PATH,
                ACCESS,
                ErrorBodies.inErrorShape(request -> Response.bytes(
                        200, PrometheusExport.CONTENT_TYPE, export.write(hosts.visibleTo(request.requireCaller())))));
    }
}
