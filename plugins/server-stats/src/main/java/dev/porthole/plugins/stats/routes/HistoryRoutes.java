package dev.porthole.plugins.stats.routes;

import static dev.porthole.api.http.ErrorBodies.inErrorShape;

import dev.porthole.api.Caller;
import dev.porthole.api.PluginContext;
import dev.porthole.api.hosts.Hosts;
import dev.porthole.api.http.ErrorBodies;
import dev.porthole.api.http.Method;
import dev.porthole.api.http.Request;
import dev.porthole.api.http.Response;
import dev.porthole.plugins.stats.history.HistoryStore;
import dev.porthole.plugins.stats.settings.SettingsStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /metrics/:id/history?from=&to=&step=}, for charts: the host's polls averaged per step. {@code from} and
 * {@code to} are ISO-8601 instants or epoch milliseconds (default: the last hour); {@code step} is seconds or
 * {@code 30s}, {@code 5m}, {@code 1h} (default: what gives about {@value #DEFAULT_POINTS} points, never less than the
 * metrics interval).
 */
public final class HistoryRoutes {
    static final int DEFAULT_POINTS = 300;
    private static final Duration DEFAULT_RANGE = Duration.ofHours(1);
    private static final Pattern STEP = Pattern.compile("([1-9][0-9]{0,8})([smhd]?)");
    private static final Pattern EPOCH_MILLIS = Pattern.compile("[0-9]{1,15}");

    private final Hosts hosts;
    private final HistoryStore history;
    private final SettingsStore settings;
    private final Clock clock;

    public HistoryRoutes(Hosts hosts, HistoryStore history, SettingsStore settings, Clock clock) {
        this.hosts = hosts;
        this.history = history;
        this.settings = settings;
        this.clock = clock;
    }

    public void register(PluginContext context) {
        context.route(Method.GET, "/metrics/{id}/history", StatsAccess.READ, inErrorShape(this::history));
    }

    Response history(Request request) {
        long id = HostIds.path(request.pathParam("id"));
        Caller caller = request.requireCaller();
        Instant to = request.query("to").map(text -> instant("to", text)).orElse(clock.instant());
        Instant from = request.query("from").map(text -> instant("from", text)).orElse(to.minus(DEFAULT_RANGE));
        if (!from.isBefore(to)) {
            throw ErrorBodies.badField("from", "must be before to (" + to + ")");
        }
        Duration range = Duration.between(from, to);
        Duration step = request.query("step").map(HistoryRoutes::step).orElseGet(() -> defaultStep(range));
        if (range.toMillis() / step.toMillis() > HistoryStore.MAX_POINTS) {
            throw ErrorBodies.badField(
                    "step",
                    "gives more than " + HistoryStore.MAX_POINTS + " points over " + range + "; use a longer one");
        }
        if (!HostViews.canView(hosts, caller, id)) {
            throw ErrorBodies.error(404, "Host not found");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("hostId", id);
        body.put("from", from);
        body.put("to", to);
        body.put("step", step.toSeconds());
        body.put("points", history.query(id, from, to, step));
        return Response.ok(body);
    }

    private Duration defaultStep(Duration range) {
        long seconds = Math.max(settings.current().metricsInterval(), ceilDiv(range.toSeconds(), DEFAULT_POINTS));
        return Duration.ofSeconds(seconds);
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    private static Instant instant(String field, String text) {
        if (EPOCH_MILLIS.matcher(text).matches()) {
            return Instant.ofEpochMilli(Long.parseLong(text));
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ErrorBodies.badField(
                    field, "must be an ISO-8601 instant (2026-12-07T10:00:00Z) or epoch milliseconds");
        }
    }

    private static Duration step(String text) {
        Matcher matcher = STEP.matcher(text.trim());
        if (!matcher.matches()) {
            throw ErrorBodies.badField("step", "must be seconds or a number with s, m, h or d, like 30s or 5m");
        }
        long n = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofSeconds(n);
        };
    }
}
