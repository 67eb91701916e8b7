package dev.porthole.plugins.dockerssh.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.porthole.test.DockerTestenv;
import dev.porthole.test.Porthole;
import dev.porthole.test.Reply;
import dev.porthole.test.SshTestenv;
import dev.porthole.test.WithPorthole;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every route of spec 000 through the whole stack: a real Porthole with the plugin installed from its build output,
 * hosts created through {@code /api/hosts}, the real OpenSSH sshd and dockerd of the test environment.
 */
@WithPorthole
@ExtendWith(DockerTestenv.class)
class DockerSshE2ETest {
    private static final String LABEL = "dev.porthole.test.e2e";
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final AtomicInteger USERS = new AtomicInteger();
    private static final List<String> CONTAINERS = new ArrayList<>();

    private SshTestenv env;
    private Porthole porthole;
    private Api owner;

    @BeforeEach
    void signIn(Porthole porthole) {
        this.env = SshTestenv.require();
        this.porthole = porthole;
        this.owner = newUser();
    }

    @AfterAll
    static void removeContainers() throws Exception {
        for (String name : CONTAINERS) {
            try {
                DockerTestenv.cli("rm", "-f", name);
            } catch (java.io.IOException removedByTheTest) {
                // the test removed it through the route
            }
        }
    }

    private Api newUser() {
        String name = "u" + RUN + "-" + USERS.incrementAndGet();
        return new Api(porthole, porthole.createUser(name, "password-" + RUN, "USER"));
    }

    private String connected(Api api, long hostId) {
        String sessionId = Api.newSessionId();
        Reply reply = api.connect(sessionId, hostId);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.jsonObject()).containsEntry("success", true);
        // a new host is a new connection, so its stages are there, up to a successful login
        assertThat(lastStage(reply)).containsEntry("stage", "authentication").containsEntry("outcome", "ok");
        return sessionId;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> lastStage(Reply reply) {
        List<Object> stages = (List<Object>) reply.jsonObject().get("connectionLogs");
        assertThat(stages).as(reply.toString()).isNotEmpty();
        return (Map<String, Object>) stages.get(stages.size() - 1);
    }

    /** A container made with the local CLI, labelled and named for this run; {@code --init} so stops are quick. */
    private static String container(String state, String script) throws Exception {
        String name = "porthole-e2e-" + RUN + "-" + CONTAINERS.size();
        CONTAINERS.add(name);
        DockerTestenv.cli(
                "create",
                "--init",
                "--name",
                name,
                "--label",
                LABEL + "=" + RUN,
                DockerTestenv.IMAGE,
                "sh",
                "-c",
                script);
        switch (state) {
            case "created" -> {}
            case "running" -> DockerTestenv.cli("start", name);
            case "paused" -> {
                DockerTestenv.cli("start", name);
                DockerTestenv.cli("pause", name);
            }
            case "exited" -> {
                DockerTestenv.cli("start", name);
                DockerTestenv.cli("wait", name);
            }
            default -> throw new IllegalArgumentException(state);
        }
        return name;
    }

    private static String stateOf(String name) throws Exception {
        return DockerTestenv.cli("inspect", "--format", "{{.State.Status}}", name);
    }

    @Test
    void connects_validates_and_lists_containers_in_every_state() throws Exception {
        String created = container("created", "sleep 600");
        String running = container("running", "sleep 600");
        String paused = container("paused", "sleep 600");
        String exited = container("exited", "exit 3");
        String sessionId = connected(owner, owner.createHost(env.keyHost("key")));

        assertThat(owner.get("/docker/ssh/status?sessionId=" + sessionId).jsonObject())
                .containsEntry("success", true)
                .containsEntry("connected", true);
        Reply validate = owner.get("/docker/validate/" + sessionId);
        assertThat(validate.status()).as(validate.toString()).isEqualTo(200);
        assertThat(validate.jsonObject())
                .containsEntry("available", true)
                .containsEntry("version", DockerTestenv.cli("version", "--format", "{{.Server.Version}}"));

        Map<String, String> all = states(owner.get("/docker/containers/" + sessionId));
        assertThat(all)
                .containsEntry(created, "created")
                .containsEntry(running, "running")
                .containsEntry(paused, "paused")
                .containsEntry(exited, "exited");
        Map<String, String> live = states(owner.get("/docker/containers/" + sessionId + "?all=false"));
        assertThat(live).containsKeys(running, paused).doesNotContainKeys(created, exited);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> states(Reply list) {
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        return list.jsonArray().stream()
                .map(item -> (Map<String, Object>) item)
                .filter(c -> ((String) c.get("name")).startsWith("porthole-e2e-" + RUN))
                .collect(Collectors.toMap(c -> (String) c.get("name"), c -> (String) c.get("state")));
    }

    @Test
    void runs_every_container_operation_over_ssh() throws Exception {
        String name = container("running", "echo hello-from-" + RUN + "; sleep 600");
        String sessionId = connected(owner, owner.createHost(env.keyHost("key")));
        String base = "/docker/containers/" + sessionId + "/" + name;

        Reply inspect = owner.get(base);
        assertThat(inspect.status()).as(inspect.toString()).isEqualTo(200);
        assertThat(inspect.jsonObject()).containsEntry("Name", "/" + name);

        assertAction(base + "/stop", "Container stopped successfully");
        assertThat(stateOf(name)).isEqualTo("exited");
        assertAction(base + "/start", "Container started successfully");
        assertThat(stateOf(name)).isEqualTo("running");
        assertAction(base + "/restart", "Container restarted successfully");
        assertThat(stateOf(name)).isEqualTo("running");
        assertAction(base + "/pause", "Container paused successfully");
        assertThat(stateOf(name)).isEqualTo("paused");
        assertAction(base + "/unpause", "Container unpaused successfully");
        assertThat(stateOf(name)).isEqualTo("running");

        Reply logs = owner.get(base + "/logs?tail=10");
        assertThat(logs.status()).as(logs.toString()).isEqualTo(200);
        assertThat((String) logs.jsonObject().get("logs")).contains("hello-from-" + RUN);

        Reply stats = owner.get(base + "/stats");
        assertThat(stats.status()).as(stats.toString()).isEqualTo(200);
        assertThat((String) stats.jsonObject().get("cpu")).endsWith("%");
        assertThat(stats.jsonObject()).containsKeys("memoryUsed", "memoryLimit", "netInput", "blockRead", "pids");

        Reply refused = owner.delete(base + "/remove");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.jsonObject()).containsEntry("code", "CONTAINER_RUNNING");
        assertThat(stateOf(name)).isEqualTo("running");

        Reply removed = owner.delete(base + "/remove?force=true");
        assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
        Reply gone = owner.get(base);
        assertThat(gone.status()).as(gone.toString()).isEqualTo(404);
        assertThat(gone.jsonObject()).containsEntry("code", "CONTAINER_NOT_FOUND");
    }

    private void assertAction(String path, String message) {
        Reply reply = owner.post(path, Map.of());
        assertThat(reply.status()).as(path + " " + reply).isEqualTo(200);
        assertThat(reply.jsonObject()).containsEntry("success", true).containsEntry("message", message);
    }

    @Test
    void a_user_outside_the_docker_group_gets_permission_denied() {
        String sessionId = connected(owner, owner.createHost(env.keyHost("nodocker")));

        Reply validate = owner.get("/docker/validate/" + sessionId);

        assertThat(validate.status()).as(validate.toString()).isEqualTo(200);
        assertThat(validate.jsonObject()).containsEntry("available", false).containsEntry("code", "PERMISSION_DENIED");
        // the other routes cannot answer "not available": they fail, with the same code
        assertSpecError(owner.get("/docker/containers/" + sessionId), 403, "PERMISSION_DENIED");
        assertSpecError(owner.get("/docker/containers/" + sessionId + "/web"), 403, "PERMISSION_DENIED");
        assertSpecError(
                owner.post("/docker/containers/" + sessionId + "/web/start", Map.of()), 403, "PERMISSION_DENIED");
    }

    /** The spec's error shape, {@code success}, {@code error} and {@code code}, with the status and code asked for. */
    private static Map<String, Object> assertSpecError(Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).as(reply.toString()).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/json"));
        Map<String, Object> body = reply.jsonObject();
        assertThat(body).as(reply.toString()).containsEntry("success", false).containsEntry("code", code);
        assertThat(body.get("error")).as(reply.toString()).isInstanceOf(String.class);
        assertThat((String) body.get("error")).as(reply.toString()).isNotBlank();
        return body;
    }

    @Test
    void state_conflicts_are_409_with_a_documented_code_and_change_nothing() throws Exception {
        String paused = container("paused", "sleep 600");
        String exited = container("exited", "exit 0");
        String running = container("running", "sleep 600");
        String sessionId = connected(owner, owner.createHost(env.keyHost("key")));
        String base = "/docker/containers/" + sessionId + "/";

        assertSpecError(owner.post(base + paused + "/pause", Map.of()), 409, "CONTAINER_PAUSED");
        assertSpecError(owner.post(base + paused + "/start", Map.of()), 409, "CONTAINER_PAUSED");
        assertSpecError(owner.post(base + exited + "/pause", Map.of()), 409, "CONTAINER_NOT_RUNNING");
        assertSpecError(owner.post(base + running + "/unpause", Map.of()), 409, "CONTAINER_NOT_PAUSED");
        assertSpecError(owner.post(base + exited + "/unpause", Map.of()), 409, "CONTAINER_NOT_PAUSED");

        assertThat(stateOf(paused)).isEqualTo("paused");
        assertThat(stateOf(exited)).isEqualTo("exited");
        assertThat(stateOf(running)).isEqualTo("running");
    }

    @Test
    void an_ambiguous_id_prefix_is_400_naming_the_prefix() throws Exception {
        String prefix = prefixOfTwoContainers();
        String sessionId = connected(owner, owner.createHost(env.keyHost("key")));
        String base = "/docker/containers/" + sessionId + "/" + prefix;

        for (Reply reply : List.of(
                owner.get(base),
                owner.post(base + "/start", Map.of()),
                owner.get(base + "/logs"),
                owner.delete(base + "/remove"))) {
            Map<String, Object> body = assertSpecError(reply, 400, "AMBIGUOUS_CONTAINER_ID");
            assertThat(body).containsEntry("field", "containerId");
            assertThat((String) body.get("error")).contains("'" + prefix + "'").contains("more than one container");
        }
    }

    /** Creates containers of this run until two ids begin with the same character (at most 17 are needed). */
    private static String prefixOfTwoContainers() throws Exception {
        java.util.Set<Character> seen = new java.util.HashSet<>();
        while (true) {
            String id = DockerTestenv.cli("inspect", "--format", "{{.Id}}", container("created", "true"));
            if (!seen.add(id.charAt(0))) {
                return id.substring(0, 1);
            }
        }
    }

    @Test
    void an_unknown_session_is_the_specs_400_in_the_specs_shape_on_every_route() {
        String unknown = Api.newSessionId();
        String c = "/docker/containers/" + unknown;

        List<Reply> replies = new ArrayList<>(List.of(
                owner.get("/docker/validate/" + unknown),
                owner.get(c),
                owner.get(c + "/web"),
                owner.delete(c + "/web/remove"),
                owner.get(c + "/web/logs"),
                owner.get(c + "/web/stats"),
                owner.post("/docker/ssh/keepalive", Map.of("sessionId", unknown))));
        for (String action : List.of("start", "stop", "restart", "pause", "unpause")) {
            replies.add(owner.post(c + "/web/" + action, Map.of()));
        }

        for (Reply reply : replies) {
            assertThat(assertSpecError(reply, 400, "SESSION_NOT_FOUND"))
                    .containsEntry("error", "SSH session not found or not connected");
        }
    }

    @Test
    void logs_until_without_tail_are_the_lines_before_until_and_the_default_tail_is_100() throws Exception {
        String name = container(
                "exited",
                "echo early-1; echo early-2; usleep 300000; i=0; while [ $i -lt 150 ]; do echo late-$i; i=$((i+1)); done");
        String sessionId = connected(owner, owner.createHost(env.keyHost("key")));
        String logs = "/docker/containers/" + sessionId + "/" + name + "/logs";
        String early2 = logsOf(owner.get(logs + "?tail=all&timestamps=true"))
                .lines()
                .filter(line -> line.endsWith(" early-2"))
                .findFirst()
                .orElseThrow();
        String until = early2.substring(0, early2.indexOf(' '));

        assertThat(logsOf(owner.get(logs + "?until=" + until))).isEqualTo("early-1\nearly-2\n");
        assertThat(logsOf(owner.get(logs + "?until=" + until + "&tail=all"))).isEqualTo("early-1\nearly-2\n");
        List<String> last = logsOf(owner.get(logs)).lines().toList();
        assertThat(last).hasSize(100).endsWith("late-149");
        assertThat(last.get(0)).isEqualTo("late-50");
    }

    private static String logsOf(Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.jsonObject()).containsEntry("success", true);
        return (String) reply.jsonObject().get("logs");
    }

    @Test
    void another_users_session_is_forbidden_on_every_route() {
        String sessionId = connected(owner, owner.createHost(env.keyHost("key")));
        Api stranger = newUser();

        assertThat(stranger.get("/docker/containers/" + sessionId).status()).isEqualTo(403);
        assertThat(stranger.get("/docker/validate/" + sessionId).status()).isEqualTo(403);
        assertThat(stranger.get("/docker/ssh/status?sessionId=" + sessionId).status())
                .isEqualTo(403);
        Reply keepalive = stranger.post("/docker/ssh/keepalive", Map.of("sessionId", sessionId));
        assertThat(keepalive.status()).isEqualTo(403);
        assertThat(keepalive.jsonObject()).containsEntry("error", "Session belongs to a different user");
        assertThat(stranger.post("/docker/ssh/disconnect", Map.of("sessionId", sessionId))
                        .status())
                .isEqualTo(403);
        long strangersHost = stranger.createHost(env.keyHost("key"));
        assertThat(stranger.connect(sessionId, strangersHost).status()).isEqualTo(403);

        assertThat(owner.get("/docker/ssh/status?sessionId=" + sessionId).jsonObject())
                .containsEntry("connected", true);
    }

    @Test
    void keepalive_and_disconnect_end_to_end() {
        String sessionId = connected(owner, owner.createHost(env.keyHost("key")));
        long before = System.currentTimeMillis();

        Reply keepalive = owner.post("/docker/ssh/keepalive", Map.of("sessionId", sessionId));

        assertThat(keepalive.status()).as(keepalive.toString()).isEqualTo(200);
        assertThat(keepalive.jsonObject()).containsEntry("success", true).containsEntry("connected", true);
        assertThat(((Number) keepalive.jsonObject().get("lastActive")).longValue())
                .isGreaterThanOrEqualTo(before);

        Reply disconnect = owner.post("/docker/ssh/disconnect", Map.of("sessionId", sessionId));
        assertThat(disconnect.status()).as(disconnect.toString()).isEqualTo(200);
        assertThat(owner.get("/docker/ssh/status?sessionId=" + sessionId).jsonObject())
                .containsEntry("connected", false);
        Reply list = owner.get("/docker/containers/" + sessionId);
        assertThat(list.status()).isEqualTo(400);
        assertThat(list.jsonObject()).containsEntry("error", "SSH session not found or not connected");
        assertThat(owner.post("/docker/ssh/keepalive", Map.of("sessionId", sessionId))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void connect_refuses_disabled_docker_unknown_hosts_missing_fields_and_bad_keys() {
        Map<String, Object> disabled = env.keyHost("key");
        disabled.put("enableDocker", false);
        Reply off = owner.connect(Api.newSessionId(), owner.createHost(disabled));
        assertThat(off.status()).as(off.toString()).isEqualTo(403);
        assertThat(off.jsonObject())
                .containsEntry("error", "Docker is not enabled for this host")
                .containsEntry("code", "DOCKER_DISABLED");

        Reply unknown = owner.connect(Api.newSessionId(), 987654);
        assertThat(assertSpecError(unknown, 404, "HOST_NOT_FOUND")).containsEntry("error", "Host not found");

        long hostId = owner.createHost(env.keyHost("key"));
        Reply noSession = owner.post("/docker/ssh/connect", Map.of("hostId", hostId));
        assertThat(noSession.status()).isEqualTo(400);
        assertThat(noSession.jsonObject()).containsEntry("field", "sessionId");
        Reply noHost = owner.post("/docker/ssh/connect", Map.of("sessionId", Api.newSessionId()));
        assertThat(noHost.status()).isEqualTo(400);
        assertThat(noHost.jsonObject()).containsEntry("field", "hostId");

        Reply notAKey = owner.post(
                "/docker/ssh/connect",
                Map.of("sessionId", Api.newSessionId(), "hostId", hostId, "privateKey", "not a key"));
        assertThat(notAKey.status()).isEqualTo(400);
        assertThat(notAKey.jsonObject()).containsEntry("field", "privateKey");
        Reply brokenKey = owner.post(
                "/docker/ssh/connect",
                Map.of(
                        "sessionId",
                        Api.newSessionId(),
                        "hostId",
                        hostId,
                        "privateKey",
                        "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n"));
        assertThat(brokenKey.status()).as(brokenKey.toString()).isEqualTo(400);
        assertThat(brokenKey.jsonObject()).containsEntry("code", "INVALID_KEY");
    }

    @Test
    void a_password_override_logs_in_where_the_stored_key_is_refused() {
        long hostId = owner.createHost(Map.of(
                "address",
                env.sshHost(),
                "port",
                env.sshPort(),
                "username",
                env.userName("pass"),
                "authType",
                "password",
                "password",
                "wrong-" + RUN,
                "enableDocker",
                true));
        Reply refused = owner.connect(Api.newSessionId(), hostId);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(500);
        assertThat(refused.jsonObject()).containsEntry("code", "AUTH_FAILED");
        assertThat(lastStage(refused))
                .containsEntry("stage", "authentication")
                .containsEntry("outcome", "failed")
                .containsEntry("code", "AUTH_FAILED");

        String sessionId = Api.newSessionId();
        Reply reply = owner.post(
                "/docker/ssh/connect",
                Map.of("sessionId", sessionId, "hostId", hostId, "password", env.userPassword("pass")));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(owner.get("/docker/validate/" + sessionId).jsonObject()).containsEntry("available", true);
    }

    @Test
    void connects_through_a_socks5_proxy_and_through_a_chain_of_two() {
        long hostId = owner.createHost(env.keyHost("key"));
        String viaProxy = Api.newSessionId();
        Reply single = owner.post(
                "/docker/ssh/connect",
                Map.of(
                        "sessionId",
                        viaProxy,
                        "hostId",
                        hostId,
                        "useSocks5",
                        true,
                        "socks5Host",
                        env.proxyHost("socks"),
                        "socks5Port",
                        env.proxyPort("socks")));
        assertThat(single.status()).as(single.toString()).isEqualTo(200);
        assertThat(stages(single)).contains("proxy");
        assertThat(owner.get("/docker/validate/" + viaProxy).jsonObject()).containsEntry("available", true);

        String viaChain = Api.newSessionId();
        Reply chain = owner.post(
                "/docker/ssh/connect",
                Map.of(
                        "sessionId",
                        viaChain,
                        "hostId",
                        hostId,
                        "socks5ProxyChain",
                        List.of(
                                Map.of("host", env.proxyHost("socks"), "port", env.proxyPort("socks")),
                                Map.of("host", env.proxyHost("dante"), "port", env.proxyPort("dante")))));
        assertThat(chain.status()).as(chain.toString()).isEqualTo(200);
        assertThat(owner.get("/docker/validate/" + viaChain).jsonObject()).containsEntry("available", true);

        Reply noProxyHost = owner.post(
                "/docker/ssh/connect", Map.of("sessionId", Api.newSessionId(), "hostId", hostId, "useSocks5", true));
        assertThat(noProxyHost.status()).isEqualTo(400);
        assertThat(noProxyHost.jsonObject()).containsEntry("field", "socks5Host");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> stages(Reply reply) {
        return ((List<Map<String, Object>>) reply.jsonObject().get("connectionLogs"))
                .stream().map(stage -> stage.get("stage")).collect(Collectors.toList());
    }

    @Test
    void a_totp_login_asks_for_the_code_then_connects() {
        long hostId = owner.createHost(totpHost());
        String sessionId = Api.newSessionId();

        Reply first = owner.connect(sessionId, hostId);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.jsonObject()).containsEntry("requires_totp", true).containsEntry("sessionId", sessionId);
        assertThat(owner.get("/docker/ssh/status?sessionId=" + sessionId).jsonObject())
                .containsEntry("connected", false);
        Reply verified = owner.post(
                "/docker/ssh/connect-totp", Map.of("sessionId", sessionId, "totpCode", env.totpCode("totp")));
        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
        assertThat(verified.jsonObject()).containsEntry("success", true);
        assertThat(owner.get("/docker/validate/" + sessionId).jsonObject()).containsEntry("available", true);
    }

    @Test
    void a_wrong_code_is_401_and_retryable_and_an_unknown_or_spent_totp_session_404() {
        Reply unknown =
                owner.post("/docker/ssh/connect-totp", Map.of("sessionId", Api.newSessionId(), "totpCode", "123456"));
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
        Reply missing = owner.post("/docker/ssh/connect-totp", Map.of("sessionId", Api.newSessionId()));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.jsonObject()).containsEntry("field", "totpCode");

        long hostId = owner.createHost(totpHost());
        String sessionId = Api.newSessionId();
        assertThat(owner.connect(sessionId, hostId).jsonObject()).containsEntry("requires_totp", true);
        Reply stranger =
                newUser().post("/docker/ssh/connect-totp", Map.of("sessionId", sessionId, "totpCode", "000000"));
        assertThat(stranger.status()).isEqualTo(403);

        Reply wrong = owner.post("/docker/ssh/connect-totp", Map.of("sessionId", sessionId, "totpCode", wrongCode()));
        assertThat(wrong.status()).as(wrong.toString()).isEqualTo(401);
        assertThat(wrong.jsonObject()).containsEntry("error", "Invalid TOTP code");
        // the server asked again, so the login may be retried with the right code
        Map<String, String> right = Map.of("sessionId", sessionId, "totpCode", env.totpCode("totp"));
        Reply retried = owner.post("/docker/ssh/connect-totp", right);
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        Reply spent = owner.post("/docker/ssh/connect-totp", right);
        assertThat(spent.status()).as(spent.toString()).isEqualTo(404);
        assertThat(owner.get("/docker/ssh/status?sessionId=" + sessionId).jsonObject())
                .containsEntry("connected", true);
    }

    /** A code other than the current one (and its neighbours, which PAM may accept for clock skew). */
    private String wrongCode() {
        String right = env.totpCode("totp");
        return right.equals("000000") ? "111111" : "000000";
    }

    private Map<String, Object> totpHost() {
        return Map.of(
                "address", env.sshHost(),
                "port", env.sshPort(),
                "username", env.userName("totp"),
                "authType", "keyboard-interactive",
                "password", env.userPassword("totp"),
                "enableDocker", true);
    }
}
