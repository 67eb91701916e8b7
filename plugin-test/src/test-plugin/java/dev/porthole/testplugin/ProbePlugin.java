package dev.porthole.testplugin;

import dev.porthole.api.PluginContext;
import dev.porthole.api.PortholePlugin;
import dev.porthole.api.events.Audience;
import dev.porthole.api.http.Access;
import dev.porthole.api.http.Method;
import dev.porthole.api.http.Response;
import dev.porthole.api.http.WebSocketHandler;
import dev.porthole.api.http.WebSocketSession;
import dev.porthole.api.jobs.Schedule;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.pf4j.Extension;

@Extension
public class ProbePlugin implements PortholePlugin {
    @Override
    public void start(PluginContext context) {
        String greeting = context.settings().get("greeting", "hello");
        DataSource dataSource = context.storage().dataSource();

        // the loader that defined this class: the tests check that it is PF4J's, not the test class path
        context.route(
                Method.GET,
                "/probe/hello/{name}",
                Access.anonymous(),
                request -> Response.ok(Map.of(
                        "greeting", greeting + ", " + request.pathParam("name"),
                        "loader", getClass().getClassLoader().getClass().getName())));
        context.route(Method.POST, "/probe/notes", Access.authenticated(), request -> {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement insert = connection.prepareStatement("INSERT INTO probe_notes (text) VALUES (?)")) {
                insert.setString(1, request.bodyText());
                insert.executeUpdate();
            }
            return Response.status(201);
        });
        context.route(Method.GET, "/probe/notes", Access.authenticated(), request -> {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement select = connection.prepareStatement("SELECT text FROM probe_notes ORDER BY id");
                    ResultSet rows = select.executeQuery()) {
                List<String> notes = new ArrayList<>();
                while (rows.next()) {
                    notes.add(rows.getString(1));
                }
                return Response.ok(notes);
            }
        });
        // a record of the plugin's, defined by its class loader, bound from the body by the host
        context.route(Method.POST, "/probe/labels", Access.anonymous(), request -> {
            Label label = request.body(Label.class);
            return Response.json(201, Map.of("name", label.name(), "tags", label.tags(), "recordLoader", loaderOf(label)));
        });
        context.sse("/probe/stream", Access.authenticated(), (request, stream) -> stream.send("greeting", greeting));
        context.websocket("/probe/ws/echo", Access.authenticated(), new WebSocketHandler() {
            @Override
            public void onText(WebSocketSession session, String text) {
                session.sendText("echo: " + text);
            }
        });
        // the greeters of the plugins that depend on the probe, looked up on each request
        context.route(
                Method.GET,
                "/probe/greeters",
                Access.anonymous(),
                request -> Response.ok(context.extensions(Greeter.class).stream()
                        .map(greeter -> greeter.greet("ann"))
                        .toList()));
        AtomicLong beats = new AtomicLong();
        context.schedule(
                "beat",
                Schedule.every(Duration.ofMillis(200)),
                () -> context.events().publish("beat", Map.of("n", beats.incrementAndGet()), Audience.everyone()));
    }

    /** A body the plugin declares. */
    public record Label(String name, List<String> tags) {}

    private static String loaderOf(Object value) {
        return value.getClass().getClassLoader().getClass().getName();
    }
}
