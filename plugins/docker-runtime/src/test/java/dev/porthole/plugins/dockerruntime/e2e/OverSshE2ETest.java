package dev.porthole.plugins.dockerruntime.e2e;

import static dev.porthole.plugins.dockerruntime.e2e.Fixture.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import dev.porthole.test.DockerTestenv;
import dev.porthole.test.Porthole;
import dev.porthole.test.Reply;
import dev.porthole.test.SshTestenv;
import dev.porthole.test.WithPorthole;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An environment on an inventory host, reached over the test environment's real OpenSSH sshd with {@code docker system
 * dial-stdio}: the same daemon as the local socket, so the same containers, and lifecycle and logs work through SSH.
 */
@WithPorthole(
        requiredPlugins = "../containers/target/classes",
        properties = "porthole.plugin-settings.containers.rate-limit-burst=100000")
@ExtendWith(DockerTestenv.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OverSshE2ETest {
    private Fixture fixture;

    @AfterAll
    void tearDown() throws Exception {
        if (fixture != null) {
            fixture.removeAll();
        }
    }

    private static long host(Porthole porthole, SshTestenv ssh, String role, boolean docker) throws Exception {
        Map<String, Object> body = ssh.keyHost(role);
        body.put("name", role + "-" + System.nanoTime());
        body.put("enableDocker", docker);
        Reply created = porthole.post("/api/hosts", JSON.writeValueAsString(body), porthole.adminToken());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return ((Number) created.jsonObject().get("id")).longValue();
    }

    private static Reply environment(Porthole porthole, String name, long hostId) throws Exception {
        return porthole.post(
                "/api/environments",
                JSON.writeValueAsString(Map.of("name", name, "runtime", "docker", "hostId", hostId)),
                porthole.adminToken());
    }

    @Test
    void anEnvironmentOverSshListsActsAndStreamsLikeTheLocalSocket(Porthole porthole) throws Exception {
        SshTestenv ssh = SshTestenv.require();
        fixture = new Fixture(porthole);
        String running = fixture.running("ssh", "i=0; while :; do echo ssh-line$i; i=$((i+1)); sleep 0.2; done");
        Reply created = environment(porthole, "ssh-" + fixture.run, host(porthole, ssh, "key", true));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long env = ((Number) created.jsonObject().get("id")).longValue();

        Reply list = porthole.get("/api/v1/containers?env=" + env + "&" + fixture.label(), porthole.adminToken());
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.jsonArray())
                .extracting(c -> (Object) ((Map<?, ?>) c).get("name"))
                .containsExactly(running);

        try (JsonSocket socket = JsonSocket.open(porthole, porthole.adminToken())) {
            socket.send("container.logs.subscribe", Map.of("containerId", running, "env", env, "tail", 1));
            assertThat((String) JsonSocket.data(socket.awaitType("container.logs", Duration.ofSeconds(30)))
                            .get("message"))
                    .startsWith("ssh-line");
            Reply stop = porthole.post(
                    "/api/v1/containers/" + running + "/stop?timeout=1&env=" + env, "", porthole.adminToken());
            assertThat(stop.status()).isEqualTo(202);
            assertThat(JsonSocket.data(socket.awaitType("container.stop.completed", Duration.ofSeconds(30))))
                    .containsEntry("status", "stopped");
        }
        assertThat(Fixture.state(running)).isEqualTo("exited");
        Reply checked = porthole.post("/api/environments/" + env + "/check", "", porthole.adminToken());
        assertThat(checked.jsonObject().get("health").toString()).contains("state=up");
    }

    @Test
    void aHostWithoutDockerEnabledIsRefusedAndOneWhoseUserHasNoDockerIsShownDown(Porthole porthole) throws Exception {
        SshTestenv ssh = SshTestenv.require();
        Reply refused = environment(porthole, "nodocker-flag-" + System.nanoTime(), host(porthole, ssh, "key", false));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.jsonObject()).containsEntry("field", "hostId");

        Reply accepted = environment(porthole, "nodocker-" + System.nanoTime(), host(porthole, ssh, "nodocker", true));
        assertThat(accepted.status())
                .as("an endpoint that fails is stored all the same")
                .isEqualTo(201);
        long env = ((Number) accepted.jsonObject().get("id")).longValue();
        Reply checked = porthole.post("/api/environments/" + env + "/check", "", porthole.adminToken());
        @SuppressWarnings("unchecked")
        Map<String, Object> health = (Map<String, Object>) checked.jsonObject().get("health");
        assertThat(health).containsEntry("state", "down");
        assertThat((String) health.get("reason")).containsIgnoringCase("permission denied");
        Reply list = porthole.get("/api/v1/containers?env=" + env, porthole.adminToken());
        assertThat(list.status()).isIn(500, 503);
        assertThat(List.of("CONTAINER_LIST_FAILED", "RUNTIME_UNAVAILABLE"))
                .contains((String) list.jsonObject().get("code"));
    }
}
