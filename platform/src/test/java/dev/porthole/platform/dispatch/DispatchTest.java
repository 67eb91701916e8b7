package dev.porthole.platform.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.porthole.api.Registration;
import dev.porthole.api.hosts.HostAccess;
import dev.porthole.api.http.Access;
import dev.porthole.api.http.HttpError;
import dev.porthole.api.http.Method;
import dev.porthole.api.http.Response;
import dev.porthole.api.http.RouteHandler;
import dev.porthole.api.http.SseHandler;
import dev.porthole.api.http.WebSocketHandler;
import dev.porthole.api.http.WebSocketSession;
import dev.porthole.platform.support.ApiClient.Auth;
import dev.porthole.platform.support.ApiClient.Reply;
import dev.porthole.platform.support.PlatformTestBase;
import dev.porthole.platform.support.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Plugin routes registered straight into the registry, served by the catch-alls, behind the access rule. */
@MicronautTest(transactional = false)
class DispatchTest extends PlatformTestBase {
    private final ExecutorService pluginThreads = Executors.newFixedThreadPool(4);
    private final List<Registration> registrations = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @Inject
    RouteRegistry registry;

    DispatchTest() {
        super(TestDatabase.H2);
    }

    @AfterEach
    void withdraw() {
        registrations.forEach(Registration::close);
        registrations.clear();
    }

    @AfterAll
    void stopThreads() {
        pluginThreads.shutdownNow();
    }

    private Registration route(String owner, Method method, String path, Access access, RouteHandler handler) {
        return add(new PluginRoute(
                owner, RouteKind.HTTP, method, PathTemplate.parse(path), access, handler, pluginThreads));
    }

    private Registration add(PluginRoute route) {
        Registration registration = registry.add(route);
        registrations.add(registration);
        return registration;
    }

    @Test
    void a_plugin_route_answers_with_path_and_query_values_and_platform_routes_stay_reachable() {
        route(
                "hello",
                Method.GET,
                "/hello/{name}",
                Access.anonymous(),
                request -> Response.ok(Map.of(
                        "name", request.pathParam("name"),
                        "loud", request.query("loud").orElse("no"),
                        "thread", Thread.currentThread().getName())));

        Reply reply = api().get("/hello/world%20wide?loud=yes", Auth.NONE);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        assertThat(reply.map()).containsEntry("name", "world wide").containsEntry("loud", "yes");
        assertThat((String) reply.field("thread"))
                .as("runs on the plugin's threads")
                .startsWith("pool-");
        assertThat(api().get("/api/version", Auth.NONE).status()).isEqualTo(200);
        assertThat(api().get("/health", Auth.NONE).field("status")).isEqualTo("UP");
    }

    @Test
    void a_json_body_reaches_the_handler_and_malformed_json_is_a_400_saying_where_and_nothing_of_the_parser() {
        route(
                "hello",
                Method.POST,
                "/hello/echo",
                Access.anonymous(),
                request -> Response.json(201, request.bodyJson()));

        Reply echoed = api().post("/hello/echo", Map.of("a", 1, "b", List.of("x")), Auth.NONE);
        Reply malformed = api().sendRaw("POST", "/hello/echo", "{\"a\":", Auth.NONE);
        Reply nonStandard = api().sendRaw("POST", "/hello/echo", "{\n  \"a\": NaN}", Auth.NONE);

        assertThat(echoed.status()).isEqualTo(201);
        assertThat(echoed.map()).containsEntry("a", 1).containsEntry("b", List.of("x"));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.header("Content-Type")).startsWith("application/problem+json");
        assertThat(malformed.problemFields()).containsExactly("body");
        assertThat(malformed.field("detail")).isEqualTo("body: malformed JSON at line 1 column 6");
        assertThat(nonStandard.field("detail")).isEqualTo("body: malformed JSON at line 2 column 11");
        assertThat(malformed.body() + nonStandard.body())
                .doesNotContainIgnoringCase("jackson")
                .doesNotContain("Feature", "Source", "java.");
    }

    /** A plugin's request body, as a plugin declares it. */
    record Order(String item, int quantity, List<Line> lines, Optional<String> note, HostAccess level) {}

    record Line(String sku, long count) {}

    record Checked(String name) {
        Checked {
            if (name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank");
            }
        }
    }

    @Test
    void a_typed_body_binds_to_the_plugins_record_and_a_body_that_does_not_fit_is_a_400_naming_the_field() {
        route("hello", Method.POST, "/hello/orders", Access.anonymous(), request -> {
            Order order = request.body(Order.class);
            return Response.json(201, order);
        });
        route(
                "hello",
                Method.POST,
                "/hello/checked",
                Access.anonymous(),
                request -> Response.ok(request.body(Checked.class)));
        Map<String, Object> order = Map.of(
                "item", "tea", "quantity", 2, "lines", List.of(Map.of("sku", "t-1", "count", 3)), "level", "use");

        Reply bound = api().post("/hello/orders", order, Auth.NONE);
        Reply missing = api().post("/hello/orders", without(order, "item"), Auth.NONE);
        Reply wrongType = api().post(
                        "/hello/orders",
                        with(
                                order,
                                "lines",
                                List.of(Map.of("sku", "a", "count", 1), Map.of("sku", "b", "count", "many"))),
                        Auth.NONE);
        Reply fraction = api().post("/hello/orders", with(order, "quantity", 1.5), Auth.NONE);
        Reply badLevel = api().post("/hello/orders", with(order, "level", "root"), Auth.NONE);
        Reply notAnObject = api().sendRaw("POST", "/hello/orders", "[1]", Auth.NONE);
        Reply malformed = api().sendRaw("POST", "/hello/orders", "{\"item\": tea}", Auth.NONE);
        Reply refused = api().post("/hello/checked", Map.of("name", " "), Auth.NONE);

        assertThat(bound.status()).as(bound.toString()).isEqualTo(201);
        assertThat(bound.map())
                .containsEntry("item", "tea")
                .containsEntry("quantity", 2)
                .containsEntry("lines", List.of(Map.of("sku", "t-1", "count", 3)))
                .containsEntry("level", "use");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.problemFields()).containsExactly("item");
        assertThat(missing.field("detail")).isEqualTo("item: is required");
        assertThat(wrongType.problemFields()).containsExactly("lines[1].count");
        assertThat(wrongType.field("detail")).isEqualTo("lines[1].count: must be a number");
        assertThat(fraction.field("detail"))
                .isEqualTo("quantity: must be a whole number from -2147483648 to 2147483647");
        assertThat(badLevel.field("detail")).isEqualTo("level: must be one of view, use, manage, owner");
        assertThat(notAnObject.field("detail")).isEqualTo("body: must be an object");
        assertThat(malformed.field("detail")).isEqualTo("body: malformed JSON at line 1 column 10");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.field("detail")).isEqualTo("body: name must not be blank");
        assertThat(wrongType.body() + badLevel.body()).doesNotContain("java.", "Order", "dev.porthole");
    }

    private static Map<String, Object> with(Map<String, Object> map, String key, Object value) {
        Map<String, Object> copy = new java.util.HashMap<>(map);
        copy.put(key, value);
        return copy;
    }

    private static Map<String, Object> without(Map<String, Object> map, String key) {
        Map<String, Object> copy = new java.util.HashMap<>(map);
        copy.remove(key);
        return copy;
    }

    @Test
    void an_unknown_path_is_a_404_problem() {
        Reply reply = api().get("/nothing/here", Auth.NONE);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void errors_thrown_by_a_handler_become_problems_or_the_exact_response_and_other_failures_tell_nothing() {
        route("hello", Method.GET, "/hello/bad", Access.anonymous(), request -> {
            throw HttpError.badField("tail", "must be a positive number");
        });
        route("hello", Method.GET, "/hello/spec", Access.anonymous(), request -> {
            throw HttpError.withResponse(Response.json(409, Map.of("error", "Session not found")));
        });
        route("hello", Method.GET, "/hello/boom", Access.anonymous(), request -> {
            throw new IllegalStateException("secret internals");
        });

        Reply bad = api().get("/hello/bad", Auth.NONE);
        Reply spec = api().get("/hello/spec", Auth.NONE);
        Reply boom = api().get("/hello/boom", Auth.NONE);

        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.problemFields()).containsExactly("tail");
        assertThat(bad.field("detail")).isEqualTo("tail: must be a positive number");
        assertThat(spec.status()).isEqualTo(409);
        assertThat(spec.map()).isEqualTo(Map.of("error", "Session not found"));
        assertThat(boom.status()).isEqualTo(500);
        assertThat(boom.body()).doesNotContain("secret internals");
    }

    @Test
    void access_is_enforced_before_the_handler_runs() {
        List<String> calls = new CopyOnWriteArrayList<>();
        RouteHandler handler = request -> {
            calls.add(request.requireCaller().username());
            return Response.ok(Map.of("user", request.requireCaller().username()));
        };
        route("hello", Method.GET, "/hello/me", Access.authenticated(), handler);
        route("hello", Method.GET, "/hello/admin", Access.roles(Access.ROLE_ADMIN), handler);
        route("hello", Method.POST, "/hello/write", Access.authenticated().withScope("write:hello"), handler);
        TestUser user = newUser("USER");
        Auth readOnlyToken = token(user.auth(), List.of("read:hello"));
        Auth writeToken = token(user.auth(), List.of("write:*"));

        assertThat(api().get("/hello/me", Auth.NONE).status()).isEqualTo(401);
        assertThat(api().get("/hello/me", Auth.bearer("forged")).status()).isEqualTo(401);
        assertThat(api().get("/hello/me", user.auth()).field("user")).isEqualTo(user.username());
        Reply notAdmin = api().get("/hello/admin", user.auth());
        assertThat(notAdmin.status()).isEqualTo(403);
        assertThat(notAdmin.field("detail")).isEqualTo("this needs the role ADMIN");
        assertThat(api().get("/hello/admin", admin()).status()).isEqualTo(200);
        Reply noScope = api().post("/hello/write", Map.of(), readOnlyToken);
        assertThat(noScope.status()).isEqualTo(403);
        assertThat(noScope.field("detail"))
                .isEqualTo("this needs the scope write:hello; the API token holds read:hello");
        assertThat(api().post("/hello/write", Map.of(), writeToken).status()).isEqualTo(200);
        assertThat(calls).containsExactly(user.username(), "admin", user.username());
    }

    @Test
    void the_route_listing_shows_platform_and_plugin_routes_with_their_access_rules_to_admins_only() {
        route("hello", Method.GET, "/hello/{name}", Access.anonymous(), request -> Response.status(204));
        route(
                "hello",
                Method.POST,
                "/hello/write",
                Access.roles(Access.ROLE_ADMIN).withScope("write:hello"),
                r -> null);
        add(new PluginRoute(
                "hello",
                RouteKind.WEBSOCKET,
                Method.GET,
                PathTemplate.parse("/hello/ws/live"),
                Access.authenticated(),
                new WebSocketHandler() {},
                pluginThreads));
        TestUser user = newUser("USER");

        Reply listing = api().get("/api/routes", admin());

        assertThat(api().get("/api/routes", user.auth()).status()).isEqualTo(403);
        assertThat(api().get("/api/routes", Auth.NONE).status()).isEqualTo(401);
        assertThat(listing.status()).isEqualTo(200);
        List<Map<String, Object>> routes = listing.list();
        assertThat(routes)
                .contains(
                        routeView("GET", "/hello/{name}", "HTTP", "hello", "anonymous", List.of(), null),
                        routeView("POST", "/hello/write", "HTTP", "hello", "roles", List.of("ADMIN"), "write:hello"),
                        routeView("GET", "/hello/ws/live", "WEBSOCKET", "hello", "authenticated", List.of(), null),
                        routeView("GET", "/api/version", "HTTP", "platform", "anonymous", List.of(), null),
                        routeView("GET", "/api/routes", "HTTP", "platform", "roles", List.of("ADMIN"), "read:routes"),
                        routeView(
                                "POST", "/api/plugins", "HTTP", "platform", "roles", List.of("ADMIN"), "write:plugins"),
                        routeView(
                                "GET",
                                "/api/events/stream",
                                "SSE",
                                "platform",
                                "authenticated",
                                List.of(),
                                "read:events"),
                        routeView(
                                "GET",
                                "/api/events",
                                "WEBSOCKET",
                                "platform",
                                "authenticated",
                                List.of(),
                                "read:events"));
        assertThat(routes)
                .as("the catch-alls that carry plugin routes are not routes of their own")
                .noneMatch(route -> String.valueOf(route.get("path")).contains("+"))
                .noneMatch(route -> "HEAD".equals(route.get("method")));

        registrations.forEach(Registration::close);
        assertThat(api().get("/api/routes", admin()).list()).noneMatch(route -> "hello".equals(route.get("source")));
    }

    private static Map<String, Object> routeView(
            String method, String path, String kind, String source, String access, List<String> roles, String scope) {
        Map<String, Object> view = new java.util.LinkedHashMap<>();
        view.put("method", method);
        view.put("path", path);
        view.put("kind", kind);
        view.put("source", source);
        view.put("access", access);
        if (!roles.isEmpty()) {
            view.put("roles", roles);
        }
        if (scope != null) {
            view.put("scope", scope);
        }
        return view;
    }

    @Test
    void overlapping_claims_are_refused_naming_both_owners_and_platform_routes_cannot_be_claimed() {
        route("alpha", Method.GET, "/shared/{id}", Access.anonymous(), request -> Response.status(204));

        assertThatThrownBy(() -> route("beta", Method.GET, "/shared/list", Access.anonymous(), r -> null))
                .isInstanceOf(RouteConflictException.class)
                .hasMessageContaining("'beta'")
                .hasMessageContaining("'alpha'")
                .hasMessageContaining("/shared/{id}");
        assertThatThrownBy(() -> route("beta", Method.GET, "/api/hosts/{hostId}", Access.anonymous(), r -> null))
                .isInstanceOf(RouteConflictException.class)
                .hasMessageContaining("platform");
        // the same plugin may put a literal beside a variable; another method on the same path is no overlap
        route("alpha", Method.GET, "/shared/list", Access.anonymous(), request -> Response.ok("list"));
        route("beta", Method.POST, "/shared/{id}", Access.anonymous(), request -> Response.ok("post"));

        assertThat(api().get("/shared/list", Auth.NONE).body()).isEqualTo("\"list\"");
        assertThat(api().get("/shared/7", Auth.NONE).status()).isEqualTo(204);
    }

    @Test
    void a_withdrawn_route_answers_404() {
        Registration registration =
                route("hello", Method.GET, "/hello/gone", Access.anonymous(), request -> Response.ok("here"));
        assertThat(api().get("/hello/gone", Auth.NONE).status()).isEqualTo(200);

        registration.close();
        registration.close();

        assertThat(api().get("/hello/gone", Auth.NONE).status()).isEqualTo(404);
    }

    @Test
    void an_sse_stream_delivers_events_and_completes_when_its_route_is_withdrawn() throws Exception {
        AtomicReference<dev.porthole.api.http.SseStream> opened = new AtomicReference<>();
        SseHandler handler = (request, stream) -> {
            stream.send("hello", Map.of("to", request.requireCaller().username()));
            opened.set(stream);
        };
        Registration registration = add(new PluginRoute(
                "hello",
                RouteKind.SSE,
                Method.GET,
                PathTemplate.parse("/hello/stream"),
                Access.authenticated(),
                handler,
                pluginThreads));
        TestUser user = newUser("USER");

        assertThat(api().get("/hello/stream", Auth.NONE).status()).isEqualTo(401);
        HttpResponse<InputStream> response = http.send(
                withAuth(HttpRequest.newBuilder(server.getURI().resolve("/hello/stream")), user)
                        .header("Accept", "text/event-stream")
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        assertThat(readEvent(lines)).containsExactly("event: hello", "data: {\"to\":\"" + user.username() + "\"}");
        opened.get().send("more", "plain text");
        assertThat(readEvent(lines)).containsExactly("event: more", "data: plain text");

        registration.close();

        assertThat(lines.readLine()).as("the stream ends").isNull();
        assertThat(opened.get().isOpen()).isFalse();
    }

    @Test
    void a_websocket_echoes_through_the_plugin_and_is_closed_when_its_route_is_withdrawn() throws Exception {
        WebSocketHandler echo = new WebSocketHandler() {
            @Override
            public void onOpen(WebSocketSession session) {
                session.sendJson(Map.of("hello", session.request().pathParam("room")));
            }

            @Override
            public void onText(WebSocketSession session, String text) {
                session.sendText("echo:" + text);
            }

            @Override
            public void onBinary(WebSocketSession session, byte[] data) {
                session.sendText("bytes:" + data.length);
            }
        };
        Registration registration = add(new PluginRoute(
                "hello",
                RouteKind.WEBSOCKET,
                Method.GET,
                PathTemplate.parse("/hello/rooms/{room}"),
                Access.authenticated(),
                echo,
                pluginThreads));
        TestUser user = newUser("USER");
        Listener listener = new Listener();

        WebSocket socket = http.newWebSocketBuilder()
                .header("Authorization", "Bearer " + login(user.username(), user.password()))
                .buildAsync(wsUri("/hello/rooms/blue"), listener)
                .get(10, TimeUnit.SECONDS);

        assertThat(listener.next()).isEqualTo("{\"hello\":\"blue\"}");
        socket.sendText("ping", true).get(5, TimeUnit.SECONDS);
        assertThat(listener.next()).isEqualTo("echo:ping");
        socket.sendBinary(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}), true).get(5, TimeUnit.SECONDS);
        assertThat(listener.next()).isEqualTo("bytes:3");
        // a message in fragments reaches the plugin whole
        socket.sendText("frag", false).get(5, TimeUnit.SECONDS);
        socket.sendText("mented", true).get(5, TimeUnit.SECONDS);
        assertThat(listener.next()).isEqualTo("echo:fragmented");
        socket.sendBinary(java.nio.ByteBuffer.wrap(new byte[70_000]), false).get(5, TimeUnit.SECONDS);
        socket.sendBinary(java.nio.ByteBuffer.wrap(new byte[70_000]), true).get(5, TimeUnit.SECONDS);
        assertThat(listener.next()).isEqualTo("bytes:140000");

        registration.close();

        assertThat(listener.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1001);
    }

    @Test
    void a_websocket_upgrade_is_refused_with_a_plain_status_before_the_handshake() {
        add(new PluginRoute(
                "hello",
                RouteKind.WEBSOCKET,
                Method.GET,
                PathTemplate.parse("/hello/private/ws"),
                Access.authenticated(),
                new WebSocketHandler() {},
                pluginThreads));
        add(new PluginRoute(
                "hello",
                RouteKind.WEBSOCKET,
                Method.GET,
                PathTemplate.parse("/hello/admin/ws"),
                Access.roles(Access.ROLE_ADMIN),
                new WebSocketHandler() {},
                pluginThreads));
        route("hello", Method.GET, "/hello/plain/page", Access.anonymous(), request -> Response.ok("page"));
        TestUser user = newUser("USER");

        assertThat(refusal("/hello/private/ws", null)).as("anonymous").isEqualTo(401);
        assertThat(refusal("/hello/admin/ws", user)).as("not an admin").isEqualTo(403);
        assertThat(refusal("/nothing/served/here", null))
                .as("no plugin serves it")
                .isEqualTo(404);
        assertThat(refusal("/nothing/served/here", user))
                .as("no plugin serves it")
                .isEqualTo(404);
        assertThat(refusal("/hello/plain/page", user))
                .as("an HTTP route, no WebSocket")
                .isEqualTo(404);
    }

    @Test
    void a_message_over_a_mebibyte_closes_the_websocket_as_too_big() throws Exception {
        add(new PluginRoute(
                "hello",
                RouteKind.WEBSOCKET,
                Method.GET,
                PathTemplate.parse("/hello/big"),
                Access.authenticated(),
                new WebSocketHandler() {},
                pluginThreads));
        TestUser user = newUser("USER");
        Listener listener = new Listener();
        WebSocket socket = http.newWebSocketBuilder()
                .header("Authorization", "Bearer " + login(user.username(), user.password()))
                .buildAsync(wsUri("/hello/big"), listener)
                .get(10, TimeUnit.SECONDS);

        byte[] half = new byte[600 * 1024];
        socket.sendBinary(java.nio.ByteBuffer.wrap(half), false).get(5, TimeUnit.SECONDS);
        socket.sendBinary(java.nio.ByteBuffer.wrap(half), true);

        assertThat(listener.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1009);
    }

    /** The HTTP status with which the server refuses a WebSocket upgrade; fails if it accepts it. */
    private int refusal(String path, TestUser user) {
        WebSocket.Builder builder = http.newWebSocketBuilder();
        if (user != null) {
            builder.header("Authorization", "Bearer " + login(user.username(), user.password()));
        }
        try {
            WebSocket socket = builder.buildAsync(wsUri(path), new Listener()).get(10, TimeUnit.SECONDS);
            socket.abort();
            throw new AssertionError("the upgrade to " + path + " was accepted");
        } catch (java.util.concurrent.ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(java.net.http.WebSocketHandshakeException.class);
            return ((java.net.http.WebSocketHandshakeException) e.getCause())
                    .getResponse()
                    .statusCode();
        } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    private URI wsUri(String path) {
        return URI.create("ws://" + server.getHost() + ":" + server.getPort() + path);
    }

    private HttpRequest.Builder withAuth(HttpRequest.Builder request, TestUser user) {
        return request.header("Authorization", "Bearer " + login(user.username(), user.password()));
    }

    private Auth token(Auth owner, List<String> scopes) {
        Reply created = api().post("/api/tokens", Map.of("name", "t" + System.nanoTime(), "scopes", scopes), owner);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return Auth.bearer((String) created.field("token"));
    }

    /** The lines of the next event, skipping keep-alive comments. */
    private static List<String> readEvent(BufferedReader lines) throws Exception {
        List<String> event = new ArrayList<>();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.isEmpty()) {
                if (!event.isEmpty()) {
                    return event;
                }
            } else if (!line.startsWith(":")) {
                event.add(line);
            }
        }
        return event;
    }

    static final class Listener implements WebSocket.Listener {
        final LinkedBlockingQueue<String> texts = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                texts.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        String next() throws InterruptedException {
            String text = texts.poll(10, TimeUnit.SECONDS);
            if (text == null) {
                throw new CompletionException(new AssertionError("no message within 10 s"));
            }
            return text;
        }
    }
}
