package dev.porthole.plugins.stats.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.porthole.test.Porthole;
import dev.porthole.test.Reply;
import dev.porthole.test.SshTestenv;
import dev.porthole.test.WithPorthole;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Status checks against the test environment's real sshd: from the start, for every host, quiet in sshd's log, through
 * jump hosts and SOCKS5 proxies, and only ever shown to users who can see the host.
 */
@WithPorthole
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusE2ETest {
    static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern PROBED_PORT =
            Pattern.compile("^probed from 127\\.0\\.0\\.1 port ([0-9]+) with SSH-2\\.0-Probe-");
    private static final Pattern PORT = Pattern.compile("port ([0-9]+)\\b");

    private final SshTestenv env = SshTestenv.require();
    private Porthole porthole;
    private StatsApi admin;

    @BeforeAll
    void start(Porthole porthole) {
        this.porthole = porthole;
        this.admin = new StatsApi(porthole, porthole.adminToken());
    }

    @Test
    void a_new_host_is_checked_without_anyone_asking_and_shown_online() throws Exception {
        Instant created = Instant.now();
        long host = admin.createHost(env.keyHost("key"));
        // a new host's first check comes within ten seconds; nobody asks before then
        Thread.sleep(11_000);
        Instant asked = Instant.now();
        Reply reply = admin.get("/status/" + host);
        assertThat(reply.status()).as("status known at the first request").isEqualTo(200);
        assertThat(reply.jsonObject()).containsEntry("status", "online");
        Instant checked = Instant.parse((String) reply.jsonObject().get("lastChecked"));
        assertThat(checked).isAfter(created.minusSeconds(1)).isBefore(asked);
    }

    @Test
    void a_host_whose_port_has_no_ssh_server_is_offline() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Map<String, Object> fields = env.keyHost("key");
        fields.put("port", closed);
        long host = admin.createHost(fields);
        assertThat(admin.awaitStatus(host, WAIT)).containsEntry("status", "offline");
    }

    @Test
    void status_checks_leave_only_probe_lines_in_sshds_log_nothing_fail2ban_or_sshguard_count() throws Exception {
        SshdLog log = SshdLog.mark(env.sshdLog());
        List<Long> hosts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            hosts.add(admin.createHost(env.passwordHost("pass")));
        }
        for (long host : hosts) {
            assertThat(admin.awaitStatus(host, WAIT)).containsEntry("status", "online");
        }
        Thread.sleep(500); // sshd's children log as they exit
        // other clients of the shared test sshd may log in meanwhile: judge the lines of the probes' connections
        List<String> lines = log.newLines();
        Set<String> probePorts = lines.stream()
                .map(PROBED_PORT::matcher)
                .filter(Matcher::find)
                .map(m -> m.group(1))
                .collect(Collectors.toSet());
        assertThat(probePorts).as("one probe per host at least").hasSizeGreaterThanOrEqualTo(hosts.size());
        List<String> probeLines = lines.stream()
                .filter(line -> {
                    Matcher port = PORT.matcher(line);
                    return port.find() && probePorts.contains(port.group(1));
                })
                .toList();
        assertThat(probeLines)
                .as("the probes' connections are closed cleanly")
                .filteredOn(line -> line.startsWith("Connection closed by 127.0.0.1 port "))
                .hasSizeGreaterThanOrEqualTo(probePorts.size());
        assertThat(probeLines.stream()
                        .filter(line -> SshdLog.COUNTED.matcher(line).find()))
                .as("lines sshguard or fail2ban count")
                .isEmpty();

        // the control: Termix's probe (read the banner, close) in the same log is counted
        SshdLog control = SshdLog.mark(env.sshdLog());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(env.sshHost(), env.sshPort()), 2000);
            InputStream in = socket.getInputStream();
            while (in.read() != '\n') {
                // the banner line
            }
        }
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (control.count(SshdLog.COUNTED) == 0 && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        assertThat(control.count(SshdLog.COUNTED))
                .as("a banner-only probe is logged as an error")
                .isPositive();
    }

    @Test
    void hosts_behind_the_bastion_or_a_socks5_proxy_are_checked_through_them() throws Exception {
        Map<String, Object> bastionFields = env.keyHost("key");
        bastionFields.put("address", env.bastionHost());
        bastionFields.put("port", env.bastionPort());
        long bastion = admin.createHost(bastionFields);
        Map<String, Object> viaBastion = env.keyHost("key");
        viaBastion.put("jumpHostId", bastion);
        long behindBastion = admin.createHost(viaBastion);
        Map<String, Object> viaSocks = env.keyHost("key");
        viaSocks.put("proxies", List.of(Map.of("host", env.proxyHost("socks"), "port", env.proxyPort("socks"))));
        long behindSocks = admin.createHost(viaSocks);
        assertThat(admin.awaitStatus(behindBastion, WAIT)).containsEntry("status", "online");
        assertThat(admin.awaitStatus(behindSocks, WAIT)).containsEntry("status", "online");

        // the same host behind an unreachable proxy is offline: the check did go through the proxy
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Map<String, Object> viaDeadProxy = env.keyHost("key");
        viaDeadProxy.put("proxies", List.of(Map.of("host", "127.0.0.1", "port", closed)));
        assertThat(admin.awaitStatus(admin.createHost(viaDeadProxy), WAIT)).containsEntry("status", "offline");
    }

    @Test
    void a_user_sees_the_status_of_their_hosts_only_and_a_foreign_id_answers_as_an_unknown_one() throws Exception {
        StatsApi bob = new StatsApi(porthole, porthole.createUser("bob-status", "bob-password-1", "USER"));
        long bobs = bob.createHost(env.keyHost("key"));
        long admins = admin.createHost(env.keyHost("key"));
        bob.awaitStatus(bobs, WAIT);
        admin.awaitStatus(admins, WAIT);

        Map<String, Object> all = bob.get("/status").jsonObject();
        assertThat(all).containsKey(Long.toString(bobs)).doesNotContainKey(Long.toString(admins));
        Reply foreign = bob.get("/status/" + admins);
        Reply unknown = bob.get("/status/999999");
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.jsonObject()).isEqualTo(unknown.jsonObject()).containsEntry("error", "Status not available");

        String only = bob.get("/status?hostIds=" + bobs + "," + admins).jsonObject().keySet().stream()
                .collect(Collectors.joining(","));
        assertThat(only).isEqualTo(Long.toString(bobs));
    }

    @Test
    void bad_ids_are_400_naming_what_is_wrong() {
        for (String bad : List.of("abc", "0", "-1", "1.5", "12345678901234567890")) {
            Reply reply = admin.get("/status/" + bad);
            assertThat(reply.status()).as(bad).isEqualTo(400);
            assertThat((String) reply.jsonObject().get("error")).startsWith("Invalid host ID");
        }
        Reply list = admin.get("/status?hostIds=1,x");
        assertThat(list.status()).isEqualTo(400);
        assertThat(list.jsonObject()).containsEntry("field", "hostIds");
    }
}
