package dev.porthole.plugins.dockerssh.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.porthole.api.Caller;
import dev.porthole.api.PluginContext;
import dev.porthole.api.Registration;
import dev.porthole.api.hosts.Hosts;
import dev.porthole.api.http.HttpError;
import dev.porthole.api.http.Request;
import dev.porthole.api.http.RouteHandler;
import dev.porthole.api.ssh.SshConnections;
import dev.porthole.plugins.dockerssh.session.SessionRegistry;
import dev.porthole.plugins.dockerssh.session.SessionRoutes;
import dev.porthole.plugins.dockerssh.testing.Unused;
import dev.porthole.test.TestCaller;
import dev.porthole.test.TestRequest;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The routes as the host calls them, through what they registered: whatever goes wrong, the client gets spec 000's
 * error body, also for the host's own errors (nobody signed in, a malformed body) and for a fault of the plugin.
 */
class SpecShapeTest {
    private static final Caller OWNER = TestCaller.user(1);

    /** The handlers the routes registered, by {@code "METHOD path"}. */
    private static Map<String, RouteHandler> registered(DockerSessions sessions) {
        Map<String, RouteHandler> handlers = new HashMap<>();
        PluginContext context = (PluginContext) Proxy.newProxyInstance(
                SpecShapeTest.class.getClassLoader(), new Class<?>[] {PluginContext.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("route")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    handlers.put(args[0] + " " + args[1], (RouteHandler) args[3]);
                    return (Registration) () -> {};
                });
        new ContainerRoutes(sessions).register(context);
        new SessionRoutes(
                        new SessionRegistry(Clock.systemUTC(), Duration.ofMinutes(60)),
                        Unused.service(Hosts.class),
                        Unused.service(SshConnections.class))
                .register(context);
        return handlers;
    }

    @Test
    void nobody_signed_in_is_401_in_the_specs_shape() {
        RouteHandler list = registered((id, caller) -> Optional.empty()).get("GET /docker/containers/{sessionId}");

        Map<String, Object> body = error(() -> list.handle(request(Map.of("sessionId", "s1"), null, null)), 401);

        assertThat(body).containsEntry("code", "UNAUTHORIZED").containsEntry("error", "sign in first");
    }

    @Test
    void a_malformed_body_is_400_naming_it_in_the_specs_shape() {
        RouteHandler connect = registered((id, caller) -> Optional.empty()).get("POST /docker/ssh/connect");

        Map<String, Object> body = error(() -> connect.handle(request(Map.of(), OWNER, "{\"sessionId\":")), 400);

        assertThat(body)
                .containsEntry("code", "INVALID_PARAMETER")
                .containsEntry("field", "body")
                .containsEntry("error", "body: malformed JSON at line 1 column 14");
    }

    @Test
    void a_fault_of_the_plugin_is_500_in_the_specs_shape_and_tells_nothing_of_it() {
        Map<String, RouteHandler> routes = registered((id, caller) -> {
            throw new IllegalStateException("internal detail /srv/secret");
        });

        for (String route : List.of(
                "GET /docker/validate/{sessionId}",
                "GET /docker/containers/{sessionId}",
                "POST /docker/containers/{sessionId}/{containerId}/start")) {
            Map<String, Object> body = error(
                    () -> routes.get(route)
                            .handle(request(Map.of("sessionId", "s1", "containerId", "web"), OWNER, null)),
                    500);
            assertThat(body).containsEntry("code", "INTERNAL_ERROR");
            assertThat((String) body.get("error")).doesNotContain("secret").contains("server's log");
        }
    }

    @Test
    void every_route_of_the_plugin_is_guarded() {
        Map<String, RouteHandler> routes = registered((id, caller) -> Optional.empty());

        assertThat(routes).hasSize(17);
        for (Map.Entry<String, RouteHandler> route : routes.entrySet()) {
            Map<String, String> path = Map.of("sessionId", "s1", "containerId", "web");
            assertThatThrownBy(() -> route.getValue().handle(request(path, null, null)))
                    .as(route.getKey())
                    .isInstanceOfSatisfying(HttpError.class, e -> assertThat(e.response())
                            .as(route.getKey() + " answers in the spec's shape")
                            .isPresent());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> error(ThrowingCallable call, int status) {
        HttpError[] thrown = new HttpError[1];
        assertThatThrownBy(call).isInstanceOfSatisfying(HttpError.class, e -> thrown[0] = e);
        assertThat(thrown[0].status()).isEqualTo(status);
        Map<String, Object> body =
                (Map<String, Object>) thrown[0].response().orElseThrow().body();
        assertThat(body).containsEntry("success", false).containsKeys("error", "code");
        return body;
    }

    /** A POST as the host hands it over; its {@code bodyJson} refuses text that is not JSON as the host does. */
    private static Request request(Map<String, String> path, Caller caller, String body) {
        TestRequest request = TestRequest.post("/docker/...").withJson(body == null ? "" : body);
        for (Map.Entry<String, String> param : path.entrySet()) {
            request = request.withPathParam(param.getKey(), param.getValue());
        }
        return caller == null ? request : request.as(caller);
    }
}
