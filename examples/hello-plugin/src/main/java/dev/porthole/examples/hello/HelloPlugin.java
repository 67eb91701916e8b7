package dev.porthole.examples.hello;

import dev.porthole.api.PluginContext;
import dev.porthole.api.PortholePlugin;
import dev.porthole.api.events.Audience;
import dev.porthole.api.events.Events;
import dev.porthole.api.http.Access;
import dev.porthole.api.http.HttpError;
import dev.porthole.api.http.Method;
import dev.porthole.api.http.Request;
import dev.porthole.api.http.Response;
import dev.porthole.api.http.SseStream;
import dev.porthole.api.jobs.Schedule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.pf4j.Extension;

/**
 * A complete small plugin: an anonymous route, routes for signed-in users backed by the plugin's own table, a
 * server-sent event stream, and a job that publishes on the events hub. {@code @Extension} is how the host finds this
 * class; the descriptor is {@code plugin.properties}.
 */
@Extension
public class HelloPlugin implements PortholePlugin {
    private final AtomicLong ticks = new AtomicLong();
    private final Set<SseStream> tickStreams = ConcurrentHashMap.newKeySet();

    @Override
    public void start(PluginContext context) {
        // Settings: porthole.plugin-settings.hello.greeting, or PORTHOLE_PLUGIN_SETTINGS_HELLO_GREETING
        String greeting = context.settings().get("greeting", "Hello");
        Greetings greetings = new Greetings(context.storage().dataSource());
        Clock clock = context.clock();

        // Paths are absolute and {name} is a path parameter, handed over decoded.
        context.route(
                Method.GET,
                "/hello/greetings/{name}",
                Access.anonymous(),
                request -> Response.ok(Map.of("message", greeting + ", " + request.pathParam("name") + "!")));

        // Handlers run on the plugin's own threads, so the blocking JDBC in Greetings is fine here.
        context.route(Method.POST, "/hello/greetings", Access.authenticated(), request -> {
            Greetings.Greeting saved = greetings.add(
                    field(request, "name", 100),
                    field(request, "message", 500),
                    request.requireCaller().username(),
                    clock.instant());
            return Response.json(201, saved);
        });
        context.route(
                Method.GET, "/hello/greetings", Access.authenticated(), request -> Response.ok(greetings.latest(100)));

        // The stream stays open after open() returns; the host closes it when the client leaves or the plugin stops.
        context.sse("/hello/ticks/stream", Access.authenticated(), (request, stream) -> {
            tickStreams.add(stream);
            stream.onClose(() -> tickStreams.remove(stream));
        });

        // Runs never overlap; the plugin listing shows the job's runs and last outcome.
        context.schedule("tick", Schedule.every(Duration.ofSeconds(5)), () -> tick(context.events(), clock));
    }

    /** One tick: to hub subscribers of topic hello/ticks, and to this plugin's own stream. */
    private void tick(Events events, Clock clock) {
        Map<String, Object> tick = Map.of("count", ticks.incrementAndGet(), "at", Instant.now(clock));
        events.publish("ticks", tick, Audience.everyone());
        tickStreams.forEach(stream -> stream.send("tick", tick));
    }

    /** A required string field of the JSON body; anything else is a 400 naming the field. */
    private static String field(Request request, String name, int maxLength) {
        if (!(request.bodyJson() instanceof Map<?, ?> body)
                || !(body.get(name) instanceof String value)
                || value.isBlank()) {
            throw HttpError.badField(name, "is required: a non-empty string");
        }
        if (value.length() > maxLength) {
            throw HttpError.badField(name, "is longer than " + maxLength + " characters");
        }
        return value;
    }
}
