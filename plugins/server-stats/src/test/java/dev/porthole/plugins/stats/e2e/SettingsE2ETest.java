package dev.porthole.plugins.stats.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.porthole.test.Porthole;
import dev.porthole.test.Reply;
import dev.porthole.test.SshTestenv;
import dev.porthole.test.WithPorthole;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The admin's settings (bounds, storage, applied without a restart) and the plugin's lifecycle: disabling it stops
 * every schedule, and its routes go with it.
 */
@WithPorthole
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SettingsE2ETest {
    static final Duration WAIT = Duration.ofSeconds(40);

    private final SshTestenv env = SshTestenv.require();
    private Porthole porthole;
    private StatsApi admin;

    @BeforeAll
    void start(Porthole porthole) {
        this.porthole = porthole;
        this.admin = new StatsApi(porthole, porthole.adminToken());
    }

    @Test
    @Order(1)
    void intervals_outside_10_to_3600_seconds_are_400_and_change_nothing() {
        Map<String, Object> before = admin.get("/global-settings").jsonObject();
        for (Object bad : List.of(9, 3601, 0, -5, 10.5, "30", true)) {
            Reply reply = admin.post("/global-settings", Map.of("statusCheckInterval", 30, "metricsInterval", bad));
            assertThat(reply.status()).as("metricsInterval " + bad).isEqualTo(400);
            assertThat(reply.jsonObject()).containsEntry("field", "metricsInterval");
            assertThat((String) reply.jsonObject().get("error"))
                    .startsWith("metricsInterval must be between 10 and 3600 seconds");
        }
        assertThat(admin.post("/global-settings", Map.of("statusCheckInterval", 5))
                        .jsonObject())
                .containsEntry("field", "statusCheckInterval");
        assertThat(admin.get("/global-settings").jsonObject()).isEqualTo(before);
        assertThat(admin.post("/global-settings/history", Map.of("metricsHistoryRetentionDays", 91))
                        .status())
                .isEqualTo(400);
    }

    @Test
    @Order(2)
    void only_admins_read_or_change_the_settings() {
        StatsApi user = new StatsApi(porthole, porthole.createUser("dan-settings", "dan-password-1", "USER"));
        assertThat(user.get("/global-settings").status()).isEqualTo(403);
        assertThat(user.post("/global-settings", Map.of("metricsInterval", 60)).status())
                .isEqualTo(403);
        assertThat(user.get("/global-settings/history").status()).isEqualTo(403);
    }

    @Test
    @Order(3)
    void a_shorter_interval_applies_to_the_running_checks_without_a_restart() throws Exception {
        assertThat(admin.post("/global-settings", Map.of("statusCheckInterval", 3600, "metricsInterval", 3600))
                        .status())
                .isEqualTo(200);
        long host = admin.createHost(env.keyHost("key"));
        String first = (String) admin.awaitStatus(host, WAIT).get("lastChecked");
        Reply saved = admin.post("/global-settings", Map.of("statusCheckInterval", 10, "metricsInterval", 10));
        assertThat(saved.jsonObject()).containsEntry("success", true);
        assertThat(admin.get("/global-settings").jsonObject())
                .containsEntry("statusCheckInterval", 10)
                .containsEntry("metricsInterval", 10);
        Reply next = admin.await(
                "/status/" + host, r -> !first.equals(r.jsonObject().get("lastChecked")), Duration.ofSeconds(25));
        assertThat(Instant.parse((String) next.jsonObject().get("lastChecked")))
                .isAfter(Instant.parse(first).plusSeconds(9));
        assertThat(admin.post("/global-settings/history", Map.of("metricsHistoryRetentionDays", 30))
                        .status())
                .isEqualTo(200);
        assertThat(admin.get("/global-settings/history").jsonObject()).containsEntry("metricsHistoryRetentionDays", 30);
    }

    @Test
    @Order(4)
    void disabling_the_plugin_stops_every_schedule_and_enabling_it_keeps_the_settings() throws Exception {
        long host = admin.createHost(env.keyHost("key"));
        admin.registerViewer(host);
        admin.awaitMetrics(host, null, WAIT);
        porthole.disable();
        SshdLog log = SshdLog.mark(env.sshdLog());
        Thread.sleep(12_000); // longer than the 10 s intervals set above
        assertThat(log.newLines()).as("sshd lines while the plugin is disabled").isEmpty();
        assertThat(admin.get("/status").status()).isEqualTo(404);

        porthole.enable();
        assertThat(admin.get("/global-settings").jsonObject())
                .as("stored in the plugin's table")
                .containsEntry("statusCheckInterval", 10);
        assertThat(admin.awaitStatus(host, WAIT)).containsEntry("status", "online");
    }
}
