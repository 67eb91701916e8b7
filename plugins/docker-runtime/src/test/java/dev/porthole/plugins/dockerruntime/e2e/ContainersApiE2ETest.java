package dev.porthole.plugins.dockerruntime.e2e;

import static dev.porthole.plugins.dockerruntime.e2e.Fixture.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import dev.porthole.plugins.dockerruntime.e2e.Fixture.User;
import dev.porthole.test.DockerTestenv;
import dev.porthole.test.Porthole;
import dev.porthole.test.Reply;
import dev.porthole.test.WithPorthole;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Specs 003 and 004 against the real local dockerd, through the containers plugin and this runtime, installed in a
 * real Porthole: containers in every state, the permission matrix of every route, the asynchronous lifecycle with its
 * notifications on two sockets of one user (and none on another user's), and the bulk operations.
 */
@WithPorthole(
        requiredPlugins = "../containers/target/classes",
        properties = "porthole.plugin-settings.containers.rate-limit-burst=100000")
@ExtendWith(DockerTestenv.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainersApiE2ETest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private Porthole porthole;
    private Fixture fixture;
    private long env;
    private User alice;
    private User carol;
    private User bob;
    private String running;
    private String exited;
    private String created;
    private String paused;

    @BeforeAll
    void setUp(Porthole porthole) throws Exception {
        this.porthole = porthole;
        fixture = new Fixture(porthole);
        env = fixture.localEnvironment("local-" + fixture.run);
        running = fixture.running("run", "sleep 3600", "-e", "DB_PASSWORD=hunter2", "-e", "MODE=prod");
        exited = fixture.exited("exited");
        created = fixture.create("created", "sleep 3600");
        paused = fixture.running("paused", "sleep 3600");
        DockerTestenv.cli("pause", paused);
        alice = fixture.user("alice");
        carol = fixture.user("carol");
        bob = fixture.user("bob");
        fixture.grant(
                env,
                Map.of(
                        alice, List.of("view", "start", "stop", "logs"),
                        carol, List.of("view", "restart", "remove", "reveal")));
    }

    @AfterAll
    void tearDown() throws Exception {
        if (fixture != null) {
            fixture.removeAll();
        }
    }

    private List<Map<String, Object>> list(String token) {
        Reply reply = porthole.get("/api/v1/containers?env=" + env + "&" + fixture.label(), token);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.jsonArray().stream().map(o -> cast(o)).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object o) {
        return (Map<String, Object>) o;
    }

    private static List<String> strings(Object list) {
        return ((List<?>) list).stream().map(String::valueOf).toList();
    }

    @Test
    void theListShowsEveryStateAsDockerDoes() throws Exception {
        // Docker's status says how long ago it exited, so it may tick over between two reads: ours is one of these
        String dockerBefore = dockerStatus(exited);
        Map<String, Map<String, Object>> byName =
                list(porthole.adminToken()).stream().collect(Collectors.toMap(c -> (String) c.get("name"), c -> c));
        String dockerAfter = dockerStatus(exited);
        assertThat(byName.keySet()).contains(running, exited, created, paused);
        assertThat(byName.get(running)).containsEntry("state", "running").containsEntry("runtime", "docker");
        assertThat(byName.get(exited)).containsEntry("state", "exited");
        assertThat(byName.get(created)).containsEntry("state", "created");
        assertThat(byName.get(paused)).containsEntry("state", "paused");
        Map<String, Object> run = byName.get(running);
        assertThat((String) run.get("id")).isEqualTo(Fixture.fullId(running).substring(0, 12));
        assertThat(run.get("image")).isEqualTo(DockerTestenv.IMAGE);
        assertThat(run.get("namespace")).isEqualTo("");
        assertThat(cast(run.get("labels"))).containsEntry(Fixture.LABEL, fixture.run);
        assertThat((String) run.get("status")).startsWith("Up");
        assertThat(byName.get(exited).get("status")).isIn(dockerBefore, dockerAfter);
    }

    private static String dockerStatus(String name) throws Exception {
        return DockerTestenv.cli("ps", "-a", "--filter", "name=" + name, "--format", "{{.Status}}")
                .trim();
    }

    @Test
    void theListNeedsViewAndASignIn() {
        assertThat(list(alice.token())).extracting(c -> c.get("name")).contains(running);
        Reply forbidden = porthole.get("/api/v1/containers?env=" + env, bob.token());
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.jsonObject()).containsEntry("code", "PERMISSION_DENIED");
        assertThat(porthole.get("/api/v1/containers", bob.token()).jsonArray())
                .as("without env, only environments bob may view")
                .isEmpty();
        Reply anonymous = porthole.get("/api/v1/containers");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.jsonObject()).containsEntry("code", "UNAUTHORIZED");
    }

    @Test
    void inspectIsDockersDocumentWithSecretsMaskedUnlessRevealed() {
        Reply admin = porthole.get("/api/v1/containers/" + running + "?env=" + env, porthole.adminToken());
        assertThat(admin.status()).as(admin.toString()).isEqualTo(200);
        Map<String, Object> doc = admin.jsonObject();
        assertThat(doc.get("Name")).isEqualTo("/" + running);
        assertThat(cast(doc.get("State"))).containsEntry("Status", "running").containsEntry("Running", true);
        assertThat(strings(cast(doc.get("Config")).get("Env")))
                .as("admins hold every permission but reveal")
                .contains("DB_PASSWORD=***", "MODE=prod")
                .doesNotContain("DB_PASSWORD=hunter2");
        Map<String, Object> revealed =
                porthole.get("/api/v1/containers/" + running, carol.token()).jsonObject();
        assertThat(strings(cast(revealed.get("Config")).get("Env"))).contains("DB_PASSWORD=hunter2");
        assertThat(porthole.get("/api/v1/containers/" + running, bob.token()).status())
                .isEqualTo(403);
    }

    @Test
    void unknownAndMalformedContainersAreRefusedWithTheSpecsCodes() {
        Reply unknown = porthole.get("/api/v1/containers/ph-no-such-" + fixture.run, porthole.adminToken());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.jsonObject()).containsEntry("code", "CONTAINER_NOT_FOUND");
        Reply malformed = porthole.post("/api/v1/containers/a;rm%20-rf/start", "", porthole.adminToken());
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.jsonObject()).containsEntry("code", "INVALID_CONTAINER_ID");
        Reply runtime = porthole.get("/api/v1/containers?runtime=podman", porthole.adminToken());
        assertThat(runtime.status()).isEqualTo(400);
        assertThat(runtime.jsonObject()).containsEntry("code", "INVALID_RUNTIME");
        for (String timeout : List.of("0", "301", "ten")) {
            Reply bad = porthole.post(
                    "/api/v1/containers/" + running + "/stop?timeout=" + timeout, "", porthole.adminToken());
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.jsonObject()).containsEntry("code", "INVALID_TIMEOUT");
        }
    }

    @Test
    void startAndStopOfAContainerAlreadyThereAre409() {
        Reply started = porthole.post("/api/v1/containers/" + running + "/start", "", porthole.adminToken());
        assertThat(started.status()).isEqualTo(409);
        assertThat(started.jsonObject()).containsEntry("code", "CONTAINER_ALREADY_STARTED");
        Reply stopped = porthole.post("/api/v1/containers/" + exited + "/stop", "", porthole.adminToken());
        assertThat(stopped.status()).isEqualTo(409);
        assertThat(stopped.jsonObject()).containsEntry("code", "CONTAINER_ALREADY_STOPPED");
    }

    @Test
    void aLifecycleOperationIsAcceptedAndItsOutcomeReachesEverySocketOfTheUserAndNoOtherUser() throws Exception {
        String target = fixture.exited("async");
        fixture.grant(
                env,
                Map.of(
                        alice, List.of("view", "start", "stop", "logs"),
                        carol, List.of("view", "restart", "remove", "reveal")));
        try (JsonSocket first = JsonSocket.open(porthole, alice.token());
                JsonSocket second = JsonSocket.open(porthole, alice.token());
                JsonSocket other = JsonSocket.open(porthole, carol.token())) {
            Reply accepted = porthole.post("/api/v1/containers/" + target + "/start", "", alice.token());
            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
            Map<String, Object> body = accepted.jsonObject();
            assertThat(body).containsEntry("status", "accepted").containsEntry("message", "Container start initiated");
            String shortId = Fixture.fullId(target).substring(0, 12);
            assertThat(body.get("containerId")).isEqualTo(shortId);
            String operationId = (String) body.get("operationId");
            for (JsonSocket socket : List.of(first, second)) {
                Map<String, Object> done = socket.awaitType("container.start.completed", WAIT);
                assertThat(JsonSocket.data(done))
                        .containsEntry("containerId", shortId)
                        .containsEntry("status", "started")
                        .containsEntry("operationId", operationId);
            }
            assertThat(other.drain(Duration.ofMillis(500)))
                    .as("carol did not ask and is no admin")
                    .noneMatch(m -> String.valueOf(m.get("type")).startsWith("container.start"));
            assertThat(Fixture.state(target)).isEqualTo("running");
            Reply operation = porthole.get("/api/v1/operations/" + operationId, alice.token());
            assertThat(operation.jsonObject()).containsEntry("state", "completed");
            assertThat(porthole.get("/api/v1/operations/" + operationId, carol.token())
                            .status())
                    .isEqualTo(404);
            assertThat(porthole.get("/api/v1/operations/" + operationId, porthole.adminToken())
                            .status())
                    .isEqualTo(200);

            Reply stop = porthole.post("/api/v1/containers/" + target + "/stop?timeout=2", "", alice.token());
            assertThat(stop.status()).isEqualTo(202);
            assertThat(stop.jsonObject()).containsEntry("timeout", 2);
            assertThat(JsonSocket.data(first.awaitType("container.stop.completed", WAIT)))
                    .containsEntry("status", "stopped");
        }
    }

    @Test
    void aFailedOperationIsNotifiedWithItsCode() throws Exception {
        String broken = fixture.unstartable("broken");
        try (JsonSocket socket = JsonSocket.open(porthole, porthole.adminToken())) {
            Reply accepted = porthole.post("/api/v1/containers/" + broken + "/start", "", porthole.adminToken());
            assertThat(accepted.status()).isEqualTo(202);
            Map<String, Object> failed = socket.awaitType("container.start.failed", WAIT);
            assertThat(JsonSocket.data(failed)).containsEntry("error", "CONTAINER_START_FAILED");
            assertThat((String) JsonSocket.data(failed).get("message")).contains("no/such/binary");
        }
    }

    @Test
    void environmentScopedRoutesFollowThePermissionMatrix() throws Exception {
        String target = fixture.running("matrix", "sleep 3600");
        String base = "/api/containers/" + target;
        // alice may stop (so pause) and start (so unpause), not restart or remove
        assertThat(porthole.post(base + "/pause?env=" + env, "", alice.token()).jsonObject())
                .containsEntry("success", true);
        assertThat(Fixture.state(target)).isEqualTo("paused");
        assertThat(porthole.post(base + "/unpause?env=" + env, "", alice.token())
                        .status())
                .isEqualTo(200);
        assertThat(Fixture.state(target)).isEqualTo("running");
        Reply restart = porthole.post(base + "/restart?env=" + env, "", alice.token());
        assertThat(restart.status()).isEqualTo(403);
        assertThat(restart.jsonObject()).containsKey("error").doesNotContainKey("code");
        // carol may restart and remove, not pause (no stop)
        assertThat(porthole.post(base + "/pause?env=" + env, "", carol.token()).status())
                .isEqualTo(403);
        assertThat(porthole.post(base + "/restart?env=" + env, "", carol.token())
                        .status())
                .isEqualTo(200);
        // bob may do nothing; anonymous is not signed in
        for (String action : List.of("start", "stop", "restart", "pause", "unpause")) {
            assertThat(porthole.post(base + "/" + action + "?env=" + env, "", bob.token())
                            .status())
                    .as(action)
                    .isEqualTo(403);
            assertThat(porthole.post(base + "/" + action + "?env=" + env, "", null)
                            .status())
                    .as(action)
                    .isEqualTo(401);
        }
        assertThat(porthole.post(base + "/stop?env=999999", "", porthole.adminToken())
                        .status())
                .as("an environment that does not exist")
                .isEqualTo(403);
        Reply missingEnv = porthole.post(base + "/stop", "", porthole.adminToken());
        assertThat(missingEnv.status()).isEqualTo(400);
        assertThat((String) missingEnv.jsonObject().get("error")).startsWith("env:");
        assertThat(porthole.post(
                                "/api/containers/ph-none-" + fixture.run + "/stop?env=" + env,
                                "",
                                porthole.adminToken())
                        .status())
                .isEqualTo(404);
        assertThat(porthole.post(base + "/stop?env=" + env, "", porthole.adminToken())
                        .jsonObject())
                .containsEntry("success", true);
        assertThat(Fixture.state(target)).isEqualTo("exited");
        assertThat(porthole.delete(base + "?env=" + env, alice.token()).status())
                .isEqualTo(403);
        assertThat(porthole.delete(base + "?env=" + env, carol.token()).status())
                .isEqualTo(200);
        assertThat(DockerTestenv.cli("ps", "-a", "-q", "--filter", "name=" + target)
                        .trim())
                .isEmpty();
    }

    @Test
    void statsAreComputedAsTheDockerCliDoes() {
        Reply one = porthole.get("/api/v1/containers/" + running + "/stats", porthole.adminToken());
        assertThat(one.status()).as(one.toString()).isEqualTo(200);
        Map<String, Object> stats = one.jsonObject();
        Map<String, Object> memory = cast(stats.get("memory"));
        assertThat(((Number) memory.get("used")).longValue()).isPositive();
        assertThat(((Number) memory.get("limit")).longValue()).isGreaterThan(((Number) memory.get("used")).longValue());
        assertThat(((Number) cast(stats.get("cpu")).get("totalCores")).doubleValue())
                .isPositive();
        Reply all = porthole.get("/api/v1/containers/stats?env=" + env, porthole.adminToken());
        List<?> containers = (List<?>) all.jsonObject().get("containers");
        assertThat(containers).extracting(c -> cast(c).get("containerId")).contains(idOf(running));
        assertThat(containers)
                .as("stopped containers are left out")
                .extracting(c -> cast(c).get("containerId"))
                .doesNotContain(idOf(exited), idOf(created));
    }

    private static String idOf(String name) {
        try {
            return Fixture.fullId(name).substring(0, 12);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void bulkOperationsRunOverTheSelectedContainersAndReportEach() throws Exception {
        // a label of their own: start-all must not start the containers the other tests need stopped
        String a = fixture.exited("bulk-a", "--label", "bulk=yes");
        String b = fixture.exited("bulk-b", "--label", "bulk=yes");
        String label = fixture.label() + "&label=bulk%3Dyes";
        try (JsonSocket socket = JsonSocket.open(porthole, porthole.adminToken())) {
            Reply started = porthole.post(
                    "/api/v1/containers/start-all?env=" + env + "&" + label + "&label=bulk%3Dno",
                    "",
                    porthole.adminToken());
            assertThat(started.status()).as(started.toString()).isEqualTo(200);
            assertThat(started.jsonObject()).containsEntry("total", 0);
            Reply all =
                    porthole.post("/api/v1/containers/start-all?env=" + env + "&" + label, "", porthole.adminToken());
            Map<String, Object> body = all.jsonObject();
            assertThat(body).containsEntry("message", "Start all operation completed");
            List<?> results = (List<?>) body.get("results");
            assertThat(results)
                    .extracting(r -> cast(r).get("name"))
                    .contains(a, b)
                    .doesNotContain(running);
            assertThat(socket.awaitType("container.bulk.progress", WAIT)).isNotNull();
        }
        assertThat(Fixture.state(a)).isEqualTo("running");
        assertThat(Fixture.state(b)).isEqualTo("running");

        Reply batch = porthole.post(
                "/api/v1/containers/batch",
                JSON.writeValueAsString(
                        Map.of("action", "stop", "containerIds", List.of(a, "ph-none-" + fixture.run), "timeout", 2)),
                porthole.adminToken());
        Map<String, Object> outcome = batch.jsonObject();
        assertThat(outcome)
                .containsEntry("total", 2)
                .containsEntry("success", 1)
                .containsEntry("failed", 1);
        assertThat(Fixture.state(a)).isEqualTo("exited");

        Reply badAction = porthole.post(
                "/api/v1/containers/batch",
                JSON.writeValueAsString(Map.of("action", "explode", "containerIds", List.of(a))),
                porthole.adminToken());
        assertThat(badAction.jsonObject()).containsEntry("code", "INVALID_ACTION");
        Reply empty = porthole.post(
                "/api/v1/containers/batch",
                JSON.writeValueAsString(Map.of("action", "stop", "containerIds", List.of())),
                porthole.adminToken());
        assertThat(empty.jsonObject()).containsEntry("code", "EMPTY_CONTAINER_LIST");
        assertThat(porthole.post("/api/v1/containers/stop-all?env=" + env, "", bob.token())
                        .status())
                .isEqualTo(403);
    }

    @Test
    void anApiTokenNeedsTheWriteScopeToChangeAnything() throws Exception {
        Reply token = porthole.post(
                "/api/tokens",
                JSON.writeValueAsString(Map.of("name", "ro-" + fixture.run, "scopes", List.of("read:containers"))),
                porthole.adminToken());
        assertThat(token.status()).as(token.toString()).isEqualTo(201);
        String readOnly = (String) token.jsonObject().get("token");
        assertThat(porthole.get("/api/v1/containers?env=" + env, readOnly).status())
                .isEqualTo(200);
        Reply refused = porthole.post("/api/v1/containers/" + exited + "/start", "", readOnly);
        assertThat(refused.status()).isEqualTo(403);
        assertThat((String) refused.jsonObject().get("error")).contains("write:containers");
    }
}
