package dev.porthole.plugins.stats.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.porthole.test.Porthole;
import dev.porthole.test.Reply;
import dev.porthole.test.SshTestenv;
import dev.porthole.test.WithPorthole;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Metrics against the test environment's real sshd: every group as the same commands show it on the host, one exec
 * per poll as sshd counts them, password, key and TOTP logins, the bastion, and nothing for a user who cannot see the
 * host.
 */
@WithPorthole
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SuppressWarnings("unchecked")
class MetricsE2ETest {
    static final Duration WAIT = Duration.ofSeconds(40);
    private static final Pattern EXEC = Pattern.compile("^Starting session: command for ph-pass from ");

    private final SshTestenv env = SshTestenv.require();
    private Porthole porthole;
    private StatsApi admin;

    @BeforeAll
    void start(Porthole porthole) {
        this.porthole = porthole;
        this.admin = new StatsApi(porthole, porthole.adminToken());
    }

    private Map<String, Object> metricsOf(long host) throws InterruptedException {
        admin.registerViewer(host);
        return admin.awaitMetrics(host, null, WAIT);
    }

    @Test
    void every_group_shows_what_the_same_commands_show_on_the_host() throws Exception {
        long host = admin.createHost(env.keyHost("key"));
        Map<String, Object> m = metricsOf(host);
        OpenSsh ssh = new OpenSsh(env, "key");

        Map<String, Object> system = (Map<String, Object>) m.get("system");
        assertThat(system.get("hostname")).isEqualTo(ssh.run("hostname"));
        assertThat(system.get("kernel")).isEqualTo(ssh.run("uname -r"));
        assertThat(system.get("os")).isEqualTo(ssh.run(". /etc/os-release && echo \"$PRETTY_NAME\""));

        Map<String, Object> cpu = (Map<String, Object>) m.get("cpu");
        assertThat(cpu.get("cores")).isEqualTo(Integer.parseInt(ssh.run("nproc")));
        assertThat((Integer) cpu.get("percent")).isBetween(0, 100);
        assertThat((List<Number>) cpu.get("load")).hasSize(3);

        Map<String, Object> memory = (Map<String, Object>) m.get("memory");
        long memTotalKb = Long.parseLong(ssh.run("awk '/^MemTotal:/ {print $2}' /proc/meminfo"));
        assertThat(((Number) memory.get("totalGiB")).doubleValue())
                .isCloseTo(memTotalKb / 1024.0 / 1024.0, within(0.01));

        Map<String, Object> disk = (Map<String, Object>) m.get("disk");
        Set<String> mounts = ((List<Map<String, Object>>) disk.get("filesystems"))
                .stream().map(fs -> (String) fs.get("mount")).collect(Collectors.toSet());
        assertThat(mounts).contains(ssh.run("df -P / | awk 'NR==2 {print $6}'"));
        assertThat(mounts).doesNotContain("/proc", "/sys", "/dev/shm");

        Set<String> interfaces = ((List<Map<String, Object>>)
                        ((Map<String, Object>) m.get("network")).get("interfaces"))
                .stream().map(i -> (String) i.get("name")).collect(Collectors.toSet());
        Set<String> expected = Arrays.stream(ssh.run("tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '")
                        .split("\n"))
                .filter(name -> !name.equals("lo"))
                .collect(Collectors.toSet());
        assertThat(interfaces).isEqualTo(expected);

        double uptime = Double.parseDouble(ssh.run("cut -d' ' -f1 /proc/uptime"));
        assertThat(((Number) ((Map<String, Object>) m.get("uptime")).get("seconds")).doubleValue())
                .isCloseTo(uptime, within(120.0));

        Map<String, Object> processes = (Map<String, Object>) m.get("processes");
        int psCount = Integer.parseInt(ssh.run("ps -e -o pid= | wc -l"));
        assertThat((Integer) processes.get("total")).isCloseTo(psCount, within(Math.max(20, psCount / 5)));
        assertThat((List<?>) processes.get("top")).isNotEmpty().hasSizeLessThanOrEqualTo(10);

        Map<String, Object> ports = (Map<String, Object>) m.get("ports");
        assertThat(ports.get("source")).isIn("ss", "netstat");
        assertThat(((List<Map<String, Object>>) ports.get("ports")).stream().map(p -> p.get("localPort")))
                .as("the test sshd's own port")
                .contains(env.sshPort());

        assertThat(m).containsKeys("login_stats", "firewall", "temperature", "lastChecked");
    }

    @Test
    void a_poll_is_one_exec_as_sshd_counts_them() throws Exception {
        long host = admin.createHost(env.passwordHost("pass"));
        String last = (String) metricsOf(host).get("lastChecked");
        SshdLog log = SshdLog.mark(env.sshdLog());
        int polls = 3;
        for (int i = 0; i < polls; i++) {
            assertThat(admin.post("/refresh", Map.of()).status()).isEqualTo(200);
            last = (String) admin.awaitMetrics(host, last, WAIT).get("lastChecked");
        }
        Thread.sleep(300);
        assertThat(log.count(EXEC))
                .as("execs sshd started for " + polls + " polls")
                .isEqualTo(polls);
    }

    @Test
    void a_totp_host_asks_for_the_code_at_start_and_then_polls() throws Exception {
        long host = admin.createHost(env.passwordHost("totp"));
        Reply start = admin.post("/metrics/start/" + host, Map.of());
        assertThat(start.status()).isEqualTo(200);
        assertThat(start.jsonObject()).containsEntry("requires_totp", true).containsEntry("success", false);
        String sessionId = (String) start.jsonObject().get("sessionId");
        assertThat((String) start.jsonObject().get("prompt")).containsIgnoringCase("verification code");

        Reply wrong = admin.post("/metrics/connect-totp", Map.of("sessionId", sessionId, "totpCode", "000000"));
        assertThat(wrong.status()).isEqualTo(401);
        String retry = (String) wrong.jsonObject().getOrDefault("sessionId", sessionId);

        Reply right = admin.post("/metrics/connect-totp", Map.of("sessionId", retry, "totpCode", env.totpCode("totp")));
        assertThat(right.status()).as(right.toString()).isEqualTo(200);
        assertThat(right.jsonObject()).containsEntry("success", true).containsKey("viewerSessionId");
        Map<String, Object> m = admin.awaitMetrics(host, null, WAIT);
        assertThat(((Map<String, Object>) m.get("system")).get("hostname")).isNotNull();
    }

    @Test
    void a_start_answers_with_a_viewer_and_the_connection_log_and_polls_through_the_bastion() throws Exception {
        Map<String, Object> bastionFields = env.keyHost("key");
        bastionFields.put("address", env.bastionHost());
        bastionFields.put("port", env.bastionPort());
        long bastion = admin.createHost(bastionFields);
        Map<String, Object> behind = env.keyHost("key");
        behind.put("jumpHostId", bastion);
        long host = admin.createHost(behind);
        Reply start = admin.post("/metrics/start/" + host, Map.of());
        assertThat(start.status()).as(start.toString()).isEqualTo(200);
        assertThat(start.jsonObject())
                .containsEntry("success", true)
                .containsEntry("status", "success")
                .containsKeys("viewerSessionId", "connectionLogs");
        assertThat(((Map<String, Object>) admin.awaitMetrics(host, null, WAIT).get("system")).get("hostname"))
                .isNotNull();
        String viewer = (String) start.jsonObject().get("viewerSessionId");
        assertThat(admin.post("/metrics/stop/" + host, Map.of("viewerSessionId", viewer))
                        .jsonObject())
                .containsEntry("success", true);
        assertThat(admin.post("/metrics/heartbeat", Map.of("viewerSessionId", viewer))
                        .jsonObject())
                .as("a stopped viewer")
                .containsEntry("success", false);
    }

    @Test
    void clear_connections_closes_the_idle_pooled_logins_and_the_next_poll_logs_in_again() throws Exception {
        long host = admin.createHost(env.keyHost("key"));
        String first = (String) metricsOf(host).get("lastChecked");
        Thread.sleep(1500); // the poll's channel is closed: its connection is idle
        Reply cleared = admin.post("/clear-connections", Map.of());
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(((Number) cleared.jsonObject().get("closed")).intValue()).isPositive();
        SshdLog log = SshdLog.mark(env.sshdLog());
        admin.post("/refresh", Map.of());
        admin.awaitMetrics(host, first, WAIT);
        assertThat(log.count(Pattern.compile("^Accepted publickey for ph-key ")))
                .as("a new login after the clear")
                .isPositive();
        StatsApi user = new StatsApi(porthole, porthole.createUser("frank-clear", "frank-password-1", "USER"));
        assertThat(user.post("/clear-connections", Map.of()).status()).isEqualTo(403);
    }

    @Test
    void a_refused_login_is_an_error_with_its_stages_and_is_not_retried() throws Exception {
        Map<String, Object> fields = env.passwordHost("pass");
        fields.put("password", "wrong-password");
        long host = admin.createHost(fields);
        Reply start = admin.post("/metrics/start/" + host, Map.of());
        assertThat(start.status()).isEqualTo(500);
        assertThat(start.jsonObject()).containsEntry("code", "AUTH_FAILED").containsKey("connectionLogs");
    }

    @Test
    void no_snapshot_is_a_404_with_null_filled_groups() {
        long host = admin.createHost(env.keyHost("key"));
        Reply reply = admin.get("/metrics/" + host);
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.jsonObject())
                .containsEntry("error", "Metrics not available")
                .containsKey("lastChecked");
        assertThat((Map<String, Object>) reply.jsonObject().get("cpu"))
                .containsEntry("percent", null)
                .containsEntry("cores", null);
    }

    @Test
    void a_host_without_stats_enabled_is_skipped_or_refused() {
        Map<String, Object> fields = env.keyHost("key");
        fields.put("enableStats", false);
        long host = admin.createHost(fields);
        assertThat(admin.post("/metrics/register-viewer", Map.of("hostId", host))
                        .jsonObject())
                .containsEntry("skipped", true)
                .containsEntry("reason", "metrics_disabled");
        assertThat(admin.post("/metrics/start/" + host, Map.of()).status()).isEqualTo(403);
    }

    @Test
    void a_foreign_user_gets_404_for_everything_about_a_host_they_cannot_see() throws Exception {
        long host = admin.createHost(env.keyHost("key"));
        metricsOf(host);
        StatsApi eve = new StatsApi(porthole, porthole.createUser("eve-metrics", "eve-password-1", "USER"));
        assertThat(eve.get("/metrics/" + host).status()).isEqualTo(404);
        assertThat(eve.get("/metrics/" + host + "/history").status()).isEqualTo(404);
        assertThat(eve.post("/metrics/start/" + host, Map.of()).status()).isEqualTo(404);
        assertThat(eve.post("/metrics/stop/" + host, Map.of()).status()).isEqualTo(404);
        assertThat(eve.post("/metrics/register-viewer", Map.of("hostId", host)).status())
                .isEqualTo(404);
        assertThat(eve.post("/metrics/unregister-viewer", Map.of("hostId", host, "viewerSessionId", "x"))
                        .status())
                .isEqualTo(404);
        assertThat(eve.post("/host-updated", Map.of("hostId", host)).status()).isEqualTo(404);
        assertThat(eve.get("/status/" + host).status()).isEqualTo(404);
        assertThat(eve.get("/metrics/prometheus").body()).doesNotContain("host_id=\"" + host + "\"");
    }

    @Test
    void the_history_has_a_point_per_poll_and_bad_ranges_are_400_naming_the_field() throws Exception {
        long host = admin.createHost(env.keyHost("key"));
        metricsOf(host);
        Map<String, Object> history =
                admin.get("/metrics/" + host + "/history?step=10s").jsonObject();
        List<Map<String, Object>> points = (List<Map<String, Object>>) history.get("points");
        assertThat(points).isNotEmpty();
        assertThat(points.get(0)).containsKeys("time", "cpuPercent", "memoryPercent", "diskPercent", "samples");
        assertThat(admin.get("/metrics/" + host + "/history?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z")
                        .jsonObject())
                .containsEntry("field", "from");
        assertThat(admin.get("/metrics/" + host + "/history?step=fast").jsonObject())
                .containsEntry("field", "step");
        assertThat(admin.get("/metrics/" + host + "/history?from=0&step=1s").jsonObject())
                .as("too many points")
                .containsEntry("field", "step");
    }
}
