package dev.porthole.plugins.dockerssh.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.porthole.api.Caller;
import dev.porthole.api.PluginContext;
import dev.porthole.api.Registration;
import dev.porthole.api.http.Access;
import dev.porthole.api.http.HttpError;
import dev.porthole.api.http.Request;
import dev.porthole.api.http.Response;
import dev.porthole.docker.engine.DockerEngine;
import dev.porthole.docker.testing.ProcessDuplexStreamOpener;
import dev.porthole.docker.transport.DialStdioClientConfig;
import dev.porthole.docker.transport.DialStdioDockerHttpClient;
import dev.porthole.plugins.dockerssh.docker.ActionResult;
import dev.porthole.plugins.dockerssh.docker.ContainerSummary;
import dev.porthole.plugins.dockerssh.docker.DockerOperations;
import dev.porthole.plugins.dockerssh.docker.LogsResult;
import dev.porthole.plugins.dockerssh.docker.StatsSnapshot;
import dev.porthole.test.DockerTestenv;
import dev.porthole.test.TestCaller;
import dev.porthole.test.TestRequest;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The handlers, called as the host calls them, on a session backed by the local dockerd over dial-stdio. */
@ExtendWith(DockerTestenv.class)
class ContainerRoutesTest {
    private static final Caller OWNER = TestCaller.user(1);
    private static final Caller STRANGER = TestCaller.user(2);

    private DockerEngine engine;
    private ContainerRoutes routes;
    private final AtomicInteger lookups = new AtomicInteger();
    private final List<String> created = new ArrayList<>();

    @BeforeEach
    void connect() {
        engine = DockerEngine.over(
                new DialStdioDockerHttpClient(ProcessDuplexStreamOpener.dialStdio(), DialStdioClientConfig.DEFAULTS));
        DockerOperations operations = new DockerOperations(engine, DockerOperations.DEFAULT_MAX_LOG_BYTES);
        routes = new ContainerRoutes((sessionId, caller) -> {
            lookups.incrementAndGet();
            return sessionId.equals("s1") && caller.userId() == OWNER.userId()
                    ? Optional.of(operations)
                    : Optional.empty();
        });
    }

    @AfterEach
    void cleanUp() throws Exception {
        try (DockerEngine closing = engine) {
            for (String id : created) {
                try {
                    closing.client().removeContainerCmd(id).withForce(true).exec();
                } catch (com.github.dockerjava.api.exception.NotFoundException removedByTheTest) {
                    // the test removed it through the route
                }
            }
        }
    }

    private static Request request(Caller caller, Map<String, String> path, Map<String, String> query) {
        TestRequest request = TestRequest.get("/docker/containers").as(caller);
        for (Map.Entry<String, String> param : path.entrySet()) {
            request = request.withPathParam(param.getKey(), param.getValue());
        }
        for (Map.Entry<String, String> param : query.entrySet()) {
            request = request.withQuery(param.getKey(), param.getValue());
        }
        return request;
    }

    private static Map<String, String> at(String sessionId, String containerId) {
        Map<String, String> path = new LinkedHashMap<>();
        path.put("sessionId", sessionId);
        if (containerId != null) {
            path.put("containerId", containerId);
        }
        return path;
    }

    @Test
    void registersEveryRouteOfTheSpecWithItsAccess() {
        List<String> seen = new ArrayList<>();
        PluginContext context = (PluginContext) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {PluginContext.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("route")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    Access access = (Access) args[2];
                    seen.add(args[0] + " " + args[1] + " " + access.scope().orElse("-") + " "
                            + access.requiresAuthentication());
                    return (Registration) () -> {};
                });
        assertThat(routes.register(context)).hasSize(11);
        String c = "/docker/containers/{sessionId}/{containerId}";
        assertThat(seen)
                .containsExactly(
                        "GET /docker/validate/{sessionId} read:docker true",
                        "GET /docker/containers/{sessionId} read:docker true",
                        "GET " + c + " read:docker true",
                        "POST " + c + "/start write:docker true",
                        "POST " + c + "/stop write:docker true",
                        "POST " + c + "/restart write:docker true",
                        "POST " + c + "/pause write:docker true",
                        "POST " + c + "/unpause write:docker true",
                        "DELETE " + c + "/remove write:docker true",
                        "GET " + c + "/logs read:docker true",
                        "GET " + c + "/stats read:docker true");
    }

    @Test
    void anUnknownOrForeignSessionIsTheSpecs400() {
        for (Request r :
                List.of(request(OWNER, at("nope", null), Map.of()), request(STRANGER, at("s1", null), Map.of()))) {
            assertThatThrownBy(() -> routes.list(r)).isInstanceOfSatisfying(HttpError.class, e -> {
                assertThat(e.status()).isEqualTo(400);
                assertThat(e.response().orElseThrow().body())
                        .isEqualTo(Map.of(
                                "success",
                                false,
                                "error",
                                "SSH session not found or not connected",
                                "code",
                                "SESSION_NOT_FOUND"));
            });
        }
    }

    @Test
    void aBadContainerIdOrFlagIs400NamingItBeforeTheSessionIsEvenLookedUp() {
        assertBadField(() -> routes.inspect(request(OWNER, at("s1", "../x"), Map.of())), "containerId");
        assertBadField(() -> routes.remove(request(OWNER, at("s1", "web"), Map.of("force", "yes"))), "force");
        assertBadField(() -> routes.logs(request(OWNER, at("s1", "web"), Map.of("tail", "-1"))), "tail");
        assertThat(lookups).hasValue(0);
        assertBadField(() -> routes.list(request(OWNER, at("s1", null), Map.of("all", "1"))), "all");
    }

    @Test
    void servesValidateListInspectActionsLogsStatsAndRemove() throws Exception {
        String id = engine.client()
                .createContainerCmd(DockerTestenv.IMAGE)
                .withCmd("sh", "-c", "echo hello; usleep 100000; echo oops >&2; sleep 300")
                .withHostConfig(com.github.dockerjava.api.model.HostConfig.newHostConfig()
                        .withInit(true))
                .exec()
                .getId();
        created.add(id);
        String shortId = id.substring(0, 12);

        Response validate = routes.validate(request(OWNER, at("s1", null), Map.of()));
        assertThat(validate.status()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        Map<String, Object> availability = (Map<String, Object>) validate.body();
        assertThat(availability).containsEntry("available", true).containsKey("version");

        Response start = routes.action(DockerOperations::start).handle(request(OWNER, at("s1", shortId), Map.of()));
        assertThat(start.body()).isEqualTo(new ActionResult(true, "Container started successfully"));

        @SuppressWarnings("unchecked")
        List<ContainerSummary> running =
                (List<ContainerSummary>) routes.list(request(OWNER, at("s1", null), Map.of("all", "false")))
                        .body();
        assertThat(running).extracting(ContainerSummary::id).contains(shortId);

        @SuppressWarnings("unchecked")
        Map<String, Object> inspect = (Map<String, Object>)
                routes.inspect(request(OWNER, at("s1", shortId), Map.of())).body();
        assertThat(inspect).containsEntry("Id", id);

        // The container is running: wait (bounded) until it has written both lines.
        LogsResult logs;
        long deadline = System.nanoTime() + 10_000_000_000L;
        do {
            Thread.sleep(50);
            logs = (LogsResult) routes.logs(request(OWNER, at("s1", shortId), Map.of("tail", "all")))
                    .body();
        } while (!logs.logs().contains("oops") && System.nanoTime() < deadline);
        assertThat(logs.logs()).isEqualTo("hello\noops\n");

        StatsSnapshot stats = (StatsSnapshot)
                routes.stats(request(OWNER, at("s1", shortId), Map.of())).body();
        assertThat(Integer.parseInt(stats.pids())).isPositive();

        assertThatThrownBy(() -> routes.remove(request(OWNER, at("s1", shortId), Map.of())))
                .isInstanceOfSatisfying(
                        HttpError.class, e -> assertThat(e.status()).isEqualTo(400));
        Response removed = routes.remove(request(OWNER, at("s1", shortId), Map.of("force", "true")));
        assertThat(removed.body()).isEqualTo(new ActionResult(true, "Container removed successfully"));
        assertThatThrownBy(() -> routes.inspect(request(OWNER, at("s1", shortId), Map.of())))
                .isInstanceOfSatisfying(
                        HttpError.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @SuppressWarnings("unchecked")
    private static void assertBadField(Runnable call, String field) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(HttpError.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat((Map<String, Object>) e.response().orElseThrow().body())
                    .containsEntry("field", field)
                    .containsEntry("code", "INVALID_PARAMETER");
        });
    }
}
