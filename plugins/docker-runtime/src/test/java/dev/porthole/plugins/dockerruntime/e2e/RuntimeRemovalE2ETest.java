package dev.porthole.plugins.dockerruntime.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.porthole.test.DockerTestenv;
import dev.porthole.test.Porthole;
import dev.porthole.test.Reply;
import dev.porthole.test.WithPorthole;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The runtime plugin removed while the containers plugin serves: its environments answer 503 RUNTIME_UNAVAILABLE and
 * show down; installed again, they serve again, and the containers plugin never restarted.
 */
@WithPorthole(
        requiredPlugins = "../containers/target/classes",
        properties = "porthole.plugin-settings.containers.rate-limit-burst=100000")
@ExtendWith(DockerTestenv.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RuntimeRemovalE2ETest {
    private Fixture fixture;

    @AfterAll
    void tearDown() throws Exception {
        if (fixture != null) {
            fixture.removeAll();
        }
    }

    @Test
    void removingTheRuntimeMakesItsEnvironmentsUnavailableAndReinstallingBringsThemBack(Porthole porthole)
            throws Exception {
        fixture = new Fixture(porthole);
        long env = fixture.localEnvironment("removal-" + fixture.run);
        String running = fixture.running("run", "sleep 3600");
        String list = "/api/v1/containers?env=" + env + "&" + fixture.label();
        assertThat(porthole.get(list, porthole.adminToken()).jsonArray()).hasSize(1);
        Object containersStarted = porthole.plugin("containers").orElseThrow();

        porthole.uninstallAndAwaitUnload(Duration.ofSeconds(30));
        Reply gone = porthole.get(list, porthole.adminToken());
        assertThat(gone.status()).isEqualTo(503);
        assertThat(gone.jsonObject()).containsEntry("code", "RUNTIME_UNAVAILABLE");
        Reply start = porthole.post("/api/containers/" + running + "/stop?env=" + env, "", porthole.adminToken());
        assertThat(start.status()).isEqualTo(503);
        Reply checked = porthole.post("/api/environments/" + env + "/check", "", porthole.adminToken());
        @SuppressWarnings("unchecked")
        Map<String, Object> health = (Map<String, Object>) checked.jsonObject().get("health");
        assertThat(health).containsEntry("state", "down");
        assertThat((String) health.get("reason")).contains("no running plugin offers it");

        porthole.install();
        assertThat(porthole.get(list, porthole.adminToken()).jsonArray()).hasSize(1);
        assertThat(porthole.plugin("containers").orElseThrow())
                .as("the containers plugin was not restarted")
                .isEqualTo(containersStarted);
    }
}
