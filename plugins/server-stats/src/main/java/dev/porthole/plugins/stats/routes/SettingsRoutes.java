package dev.porthole.plugins.stats.routes;

import static dev.porthole.api.http.ErrorBodies.inErrorShape;

import dev.porthole.api.PluginContext;
import dev.porthole.api.http.ErrorBodies;
import dev.porthole.api.http.Method;
import dev.porthole.api.http.Request;
import dev.porthole.api.http.Response;
import dev.porthole.plugins.stats.settings.GlobalSettings;
import dev.porthole.plugins.stats.settings.SettingsStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Spec 002's {@code /global-settings} (both intervals, 10–3600 s) and Termix's {@code /global-settings/history} (the
 * history's retention, 1–90 days), for admins. A change is stored, then applied to the running schedules at once.
 */
public final class SettingsRoutes {
    private final SettingsStore store;
    private final Runnable applied;

    /** @param applied told after a change is stored, to reschedule */
    public SettingsRoutes(SettingsStore store, Runnable applied) {
        this.store = store;
        this.applied = applied;
    }

    public void register(PluginContext context) {
        context.route(Method.GET, "/global-settings", StatsAccess.ADMIN_READ, inErrorShape(request -> intervals()));
        context.route(Method.POST, "/global-settings", StatsAccess.ADMIN_WRITE, inErrorShape(this::saveIntervals));
        context.route(
                Method.GET, "/global-settings/history", StatsAccess.ADMIN_READ, inErrorShape(request -> retention()));
        context.route(
                Method.POST, "/global-settings/history", StatsAccess.ADMIN_WRITE, inErrorShape(this::saveRetention));
    }

    private Response intervals() {
        GlobalSettings settings = store.current();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("statusCheckInterval", settings.statusCheckInterval());
        body.put("metricsInterval", settings.metricsInterval());
        return Response.ok(body);
    }

    /** Each field may be left out; one out of bounds fails the whole request, and nothing is stored. */
    Response saveIntervals(Request request) {
        Map<?, ?> body = Bodies.object(request, false);
        GlobalSettings current = store.current();
        int status = whole(
                        body,
                        "statusCheckInterval",
                        GlobalSettings.MIN_INTERVAL,
                        GlobalSettings.MAX_INTERVAL,
                        "seconds")
                .orElse(current.statusCheckInterval());
        int metrics = whole(
                        body, "metricsInterval", GlobalSettings.MIN_INTERVAL, GlobalSettings.MAX_INTERVAL, "seconds")
                .orElse(current.metricsInterval());
        store.save(current.withIntervals(status, metrics));
        applied.run();
        return Response.ok(Map.of("success", true, "message", "Settings updated and polling refreshed"));
    }

    private Response retention() {
        return Response.ok(Map.of("metricsHistoryRetentionDays", store.current().historyRetentionDays()));
    }

    Response saveRetention(Request request) {
        Map<?, ?> body = Bodies.object(request, false);
        int days = whole(
                        body,
                        "metricsHistoryRetentionDays",
                        GlobalSettings.MIN_RETENTION_DAYS,
                        GlobalSettings.MAX_RETENTION_DAYS,
                        "days")
                .orElseThrow(() -> ErrorBodies.badField("metricsHistoryRetentionDays", "is required"));
        store.save(store.current().withRetentionDays(days));
        applied.run();
        return Response.ok(Map.of("success", true, "metricsHistoryRetentionDays", days));
    }

    /** Termix's message ({@code metricsInterval must be between 10 and 3600 seconds}) for anything out of bounds. */
    private static OptionalInt whole(Map<?, ?> body, String field, int min, int max, String unit) {
        Object value = body.get(field);
        if (value == null) {
            return OptionalInt.empty();
        }
        String bounds = field + " must be between " + min + " and " + max + " " + unit;
        if (!(value instanceof Number number)) {
            throw ErrorBodies.error(400, bounds + " (a number, not " + kind(value) + ")", Map.of("field", field));
        }
        double d = number.doubleValue();
        if (d != Math.rint(d) || d < min || d > max) {
            throw ErrorBodies.error(400, bounds, Map.of("field", field));
        }
        return OptionalInt.of((int) d);
    }

    private static String kind(Object value) {
        return value instanceof String ? "a string" : value instanceof Boolean ? "a boolean" : "an object";
    }
}
