package dev.porthole.plugins.stats.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.porthole.test.Porthole;
import dev.porthole.test.Reply;
import dev.porthole.test.SshTestenv;
import dev.porthole.test.WithPorthole;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Termix's web client ({@code src/ui/api/host-metrics-status-api.ts}) as it calls spec 002: its paths, its bodies (no
 * body at all where it sends none), and the fields it reads from each answer.
 */
@WithPorthole
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SuppressWarnings("unchecked")
class TermixClientE2ETest {
    static final Duration WAIT = Duration.ofSeconds(40);

    private final SshTestenv env = SshTestenv.require();
    private Porthole porthole;
    private StatsApi termix;

    @BeforeAll
    void start(Porthole porthole) {
        this.porthole = porthole;
        this.termix = new StatsApi(porthole, porthole.adminToken());
    }

    /** The client sends a JSON content type and no body for start and refresh. */
    private Reply postWithoutBody(String path) {
        return porthole.send("POST", path, porthole.adminToken(), "application/json", new byte[0]);
    }

    @Test
    void the_host_metrics_tab_and_dashboard_calls_answer_what_the_client_reads() throws Exception {
        long one = termix.createHost(env.keyHost("key"));
        long two = termix.createHost(env.passwordHost("pass"));

        // getAllServerStatuses: GET /status?hostIds=1,2, the whole map
        termix.awaitStatus(one, WAIT);
        termix.awaitStatus(two, WAIT);
        Map<String, Object> statuses =
                termix.get("/status?hostIds=" + one + "," + two).jsonObject();
        assertThat(statuses).containsOnlyKeys(Long.toString(one), Long.toString(two));
        assertThat((Map<String, Object>) statuses.get(Long.toString(one))).containsKeys("status", "lastChecked");

        // startMetricsPolling: POST /metrics/start/:id without a body
        Reply start = postWithoutBody("/metrics/start/" + one);
        assertThat(start.status()).as(start.toString()).isEqualTo(200);
        assertThat(start.jsonObject()).containsEntry("success", true).containsKeys("viewerSessionId", "connectionLogs");
        String tabViewer = (String) start.jsonObject().get("viewerSessionId");

        // registerMetricsViewer: {hostId}, the server makes the id
        Reply register = termix.post("/metrics/register-viewer", Map.of("hostId", two));
        assertThat(register.jsonObject()).containsEntry("success", true);
        String dashboardViewer = (String) register.jsonObject().get("viewerSessionId");
        assertThat(dashboardViewer).isNotBlank().isNotEqualTo(tabViewer);

        // getServerMetricsById: 200 with the snapshot once polled
        Map<String, Object> metrics = termix.awaitMetrics(one, null, WAIT);
        assertThat(metrics)
                .containsKeys(
                        "cpu",
                        "memory",
                        "disk",
                        "network",
                        "uptime",
                        "processes",
                        "system",
                        "login_stats",
                        "ports",
                        "firewall",
                        "lastChecked");
        termix.awaitMetrics(two, null, WAIT);

        // sendMetricsHeartbeat: {viewerSessionId}
        assertThat(termix.post("/metrics/heartbeat", Map.of("viewerSessionId", tabViewer))
                        .status())
                .isEqualTo(200);

        // refreshServerPolling and notifyHostCreatedOrUpdated
        assertThat(postWithoutBody("/refresh").jsonObject()).containsEntry("message", "Polling refreshed");
        assertThat(termix.post("/host-updated", Map.of("hostId", one)).jsonObject())
                .containsEntry("message", "Host polling started");

        // stopMetricsPolling: {viewerSessionId}, and the tab's unmount without one
        assertThat(termix.post("/metrics/stop/" + one, Map.of("viewerSessionId", tabViewer))
                        .jsonObject())
                .containsEntry("success", true);
        assertThat(postWithoutBody("/metrics/stop/" + two).jsonObject()).containsEntry("success", true);
        assertThat(termix.post("/metrics/heartbeat", Map.of("viewerSessionId", dashboardViewer))
                        .jsonObject())
                .as("the stop without an id ended the caller's viewers of that host")
                .containsEntry("success", false);

        // unregisterMetricsViewer: {hostId, viewerSessionId}, fine for one already gone
        assertThat(termix.post("/metrics/unregister-viewer", Map.of("hostId", two, "viewerSessionId", dashboardViewer))
                        .jsonObject())
                .containsEntry("success", true);

        // the settings page
        Map<String, Object> settings = termix.get("/global-settings").jsonObject();
        assertThat(settings).containsKeys("statusCheckInterval", "metricsInterval");
        assertThat(termix.post("/global-settings", settings).jsonObject()).containsEntry("success", true);
    }

    @Test
    void a_client_chosen_viewer_id_as_the_spec_describes_it_is_kept() {
        long host = termix.createHost(env.keyHost("key"));
        Reply reply = termix.post("/metrics/register-viewer", Map.of("hostId", host, "viewerSessionId", "tab-42"));
        assertThat(reply.jsonObject()).containsEntry("viewerSessionId", "tab-42");
        assertThat(termix.post("/metrics/heartbeat", Map.of("viewerSessionId", "tab-42"))
                        .jsonObject())
                .containsEntry("success", true);
        Reply bad = termix.post("/metrics/register-viewer", Map.of("hostId", host, "viewerSessionId", "a b;c"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.jsonObject()).containsEntry("field", "viewerSessionId");
        Reply noHost = termix.post("/metrics/register-viewer", Map.of("hostId", "12"));
        assertThat(noHost.status()).isEqualTo(400);
        assertThat(noHost.jsonObject()).containsEntry("field", "hostId");
        Reply noId = termix.post("/metrics/heartbeat", Map.of());
        assertThat(noId.status()).isEqualTo(400);
        assertThat((String) noId.jsonObject().get("error")).startsWith("Invalid viewerSessionId");
    }
}
