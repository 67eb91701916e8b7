package dev.porthole.platform.ssh;

import static dev.porthole.platform.ssh.SshTestSupport.caller;
import static dev.porthole.platform.ssh.SshTestSupport.createHost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.porthole.api.ssh.Challenge;
import dev.porthole.api.ssh.ExecRequest;
import dev.porthole.api.ssh.ExecResult;
import dev.porthole.api.ssh.Forward;
import dev.porthole.api.ssh.SshException;
import dev.porthole.api.ssh.SshTarget;
import dev.porthole.api.ssh.TcpChannel;
import dev.porthole.api.ssh.TcpReceiver;
import dev.porthole.platform.support.ApiClient.Reply;
import dev.porthole.platform.support.PlatformTestBase;
import dev.porthole.platform.support.TestDatabase;
import dev.porthole.platform.support.Testenv;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SSH service against a real OpenSSH sshd, its bastion and real SOCKS5 proxies (scripts/testenv): every login
 * method, TOTP through PAM, jump hosts, proxy chains, pinned host keys, a restarted server and MaxSessions.
 */
@MicronautTest(transactional = false)
class OpenSshE2ETest extends PlatformTestBase {
    private Testenv env;

    @Inject
    DefaultSshConnections ssh;

    OpenSshE2ETest() {
        super(TestDatabase.H2);
    }

    @BeforeAll
    void requireSshd() {
        env = Testenv.requireSsh();
    }

    private long passwordHost(TestUser owner, String role, Object... more) {
        Testenv.User user = env.user(role);
        List<Object> fields = new ArrayList<>(List.of("authType", "password", "password", user.password()));
        fields.addAll(List.of(more));
        return createHost(
                api(), owner.auth(), role + "-" + System.nanoTime(), env.ssh().port(), user.name(), fields.toArray());
    }

    private long keyHost(TestUser owner, String role, String keyName, int port, Object... more) {
        Testenv.Key key = env.key(keyName);
        List<Object> fields = new ArrayList<>(List.of("authType", "key", "privateKey", read(key.privateKey())));
        if (key.passphrase() != null && !key.passphrase().isEmpty()) {
            fields.addAll(List.of("keyPassphrase", key.passphrase()));
        }
        fields.addAll(List.of(more));
        return createHost(
                api(),
                owner.auth(),
                keyName + "-" + System.nanoTime(),
                port,
                env.user(role).name(),
                fields.toArray());
    }

    @Test
    void a_password_login_runs_commands_as_that_user() {
        TestUser owner = newUser("USER");
        SshTarget target = ssh.target(caller(owner), passwordHost(owner, "pass"));

        ExecResult result = target.exec("id -un; echo err >&2; exit 4");

        assertThat(result.stdout()).isEqualTo(env.user("pass").name() + "\n");
        assertThat(result.stderr()).isEqualTo("err\n");
        assertThat(result.exitStatus()).hasValue(4);
        assertConnectionTestSucceeds(owner, target.hostId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ed25519", "ecdsa", "rsa", "rsa-pem", "ed25519-enc", "rsa-pem-enc"})
    void every_key_type_logs_in_including_encrypted_ones(String keyName) {
        TestUser owner = newUser("USER");
        long id = keyHost(owner, "key", keyName, env.ssh().port());

        assertThat(ssh.target(caller(owner), id).exec("id -un").stdout())
                .isEqualTo(env.user("key").name() + "\n");
        assertConnectionTestSucceeds(owner, id);
    }

    @Test
    void a_wrong_password_and_an_unauthorized_key_are_auth_failed() {
        TestUser owner = newUser("USER");
        long wrongPassword = createHost(
                api(),
                owner.auth(),
                "wrong-pw",
                env.ssh().port(),
                env.user("pass").name(),
                "authType",
                "password",
                "password",
                "not-the-password");
        long unauthorized = keyHost(owner, "key", "unauthorized", env.ssh().port());

        for (long id : List.of(wrongPassword, unauthorized)) {
            assertThatThrownBy(() -> ssh.target(caller(owner), id).exec("true"))
                    .isInstanceOfSatisfying(
                            SshException.class, e -> assertThat(e.code()).isEqualTo(SshException.Code.AUTH_FAILED));
        }
    }

    @Test
    void password_and_totp_through_pam_is_a_challenge_only_its_user_may_answer() {
        TestUser owner = newUser("USER");
        TestUser other = newUser("USER");
        SshTarget target = ssh.target(caller(owner), passwordHost(owner, "totp"));

        Challenge challenge = challengeOf(() -> target.exec("id -un"));

        assertThat(challenge.kind()).isEqualTo(Challenge.Kind.TOTP);
        assertThat(challenge.prompts()).hasSize(1);
        assertThat(challenge.prompts().get(0).text()).containsIgnoringCase("verification code");
        String code = Testenv.totp(env.user("totp").totpSecret());
        assertThatThrownBy(() -> ssh.answer(caller(other), challenge.id(), List.of(code)))
                .isInstanceOfSatisfying(
                        SshException.class, e -> assertThat(e.code()).isEqualTo(SshException.Code.CHALLENGE_EXPIRED));
        ssh.answer(caller(owner), challenge.id(), List.of(code));
        assertThat(target.exec("id -un").stdout()).isEqualTo(env.user("totp").name() + "\n");
    }

    @Test
    void a_key_then_totp_login_asks_only_the_code_and_a_wrong_code_fails() {
        TestUser owner = newUser("USER");
        long id = keyHost(owner, "keytotp", "ed25519", env.ssh().port());

        Challenge wrong = challengeOf(() -> ssh.target(caller(owner), id).exec("true"));
        assertThatThrownBy(() -> ssh.answer(caller(owner), wrong.id(), List.of("000000")))
                .isInstanceOf(SshException.class);
        Challenge challenge = challengeOf(() -> ssh.target(caller(owner), id).exec("true"));
        ssh.answer(
                caller(owner),
                challenge.id(),
                List.of(Testenv.totp(env.user("keytotp").totpSecret())));

        assertThat(challenge.prompts()).hasSize(1);
        assertThat(ssh.target(caller(owner), id).exec("id -un").stdout())
                .isEqualTo(env.user("keytotp").name() + "\n");
    }

    @Test
    void a_bastion_carries_the_login_and_each_hop_has_its_own_key_pinned() {
        TestUser owner = newUser("USER");
        long bastion = keyHost(owner, "key", "ed25519", env.bastion().port());
        long target = keyHost(owner, "key", "ecdsa", env.ssh().port(), "jumpHostId", bastion);

        Reply test = api().post("/api/hosts/" + target + "/test", Map.of(), owner.auth());

        assertThat(test.status()).as(test.toString()).isEqualTo(200);
        assertThat(test.field("success")).isEqualTo(true);
        assertThat(ssh.target(caller(owner), target).exec("id -un").stdout())
                .isEqualTo(env.user("key").name() + "\n");
        assertPinned(owner, bastion, false);
        assertPinned(owner, target, true);
    }

    @Test
    void socks5_proxies_with_and_without_a_password_and_a_two_proxy_chain_reach_the_server() {
        TestUser owner = newUser("USER");
        List<Map<String, Object>> chains = List.of(
                        List.of(proxy(env.socks(), null, null)),
                        List.of(proxy(env.socksWithAuth(), env.socksUsername(), env.socksPassword())),
                        List.of(proxy(env.socks(), null, null), proxy(env.dante(), null, null)))
                .stream()
                .map(chain -> Map.<String, Object>of("proxies", chain))
                .toList();

        for (Map<String, Object> chain : chains) {
            long id = keyHost(owner, "key", "ed25519", env.ssh().port(), "proxies", chain.get("proxies"));
            assertThat(ssh.target(caller(owner), id).exec("echo via-proxy").stdout())
                    .as("through %s", chain)
                    .isEqualTo("via-proxy\n");
        }
    }

    @Test
    void the_connection_log_shows_each_proxy_and_a_refused_proxy_login_names_the_proxy() {
        TestUser owner = newUser("USER");
        long chained = keyHost(
                owner,
                "key",
                "ed25519",
                env.ssh().port(),
                "proxies",
                List.of(proxy(env.socks(), null, null), proxy(env.dante(), null, null)));
        long refused = keyHost(
                owner,
                "key",
                "ed25519",
                env.ssh().port(),
                "proxies",
                List.of(proxy(env.socksWithAuth(), env.socksUsername(), "not-the-password")));

        Reply test = api().post("/api/hosts/" + chained + "/test", Map.of(), owner.auth());

        assertThat(test.field("success")).as(test.toString()).isEqualTo(true);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> log = (List<Map<String, Object>>) test.field("log");
        assertThat(log.stream().filter(e -> "proxy".equals(e.get("stage"))).map(e -> (String) e.get("message")))
                .containsExactly(
                        "SOCKS5 proxy " + env.socks().host() + ":" + env.socks().port() + " connected to "
                                + env.dante().host() + ":" + env.dante().port(),
                        "SOCKS5 proxy " + env.dante().host() + ":" + env.dante().port() + " connected to "
                                + env.ssh().host() + ":" + env.ssh().port());
        assertThatThrownBy(() -> ssh.target(caller(owner), refused).exec("true"))
                .isInstanceOfSatisfying(SshException.class, e -> {
                    assertThat(e.code()).isEqualTo(SshException.Code.PROXY_FAILED);
                    assertThat(e.getMessage())
                            .contains(env.socksWithAuth().host() + ":"
                                    + env.socksWithAuth().port());
                });
    }

    @Test
    void a_changed_host_key_is_refused_with_both_fingerprints_until_the_owner_accepts_it() {
        TestUser owner = newUser("USER");
        long id = keyHost(owner, "key", "ed25519", env.ssh().port());
        ssh.target(caller(owner), id).exec("true");
        String pinned = (String)
                api().get("/api/hosts/" + id + "/host-key", owner.auth()).field("fingerprint");
        // the bastion is another sshd with other host keys: to the pinned host it is a changed key
        Map<String, Object> host = new java.util.HashMap<>(
                api().get("/api/hosts/" + id, owner.auth()).map());
        host.put("port", env.bastion().port());
        Reply moved = api().put("/api/hosts/" + id, host, owner.auth());
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);

        assertThatThrownBy(() -> ssh.target(caller(owner), id).exec("true"))
                .isInstanceOfSatisfying(SshException.class, e -> {
                    assertThat(e.code()).isEqualTo(SshException.Code.HOST_KEY_CHANGED);
                    assertThat(e.hostKey()).isPresent();
                    assertThat(e.getMessage()).contains(pinned);
                });
        Reply test = api().post("/api/hosts/" + id + "/test", Map.of(), owner.auth());
        assertThat(test.field("success")).isEqualTo(false);
        @SuppressWarnings("unchecked")
        Map<String, Object> failure = (Map<String, Object>) test.field("failure");
        assertThat(failure).containsEntry("code", "HOST_KEY_CHANGED").containsEntry("knownFingerprint", pinned);
        assertThat(fingerprints(false)).contains((String) failure.get("offeredFingerprint"));

        assertThat(api().post("/api/hosts/" + id + "/host-key/accept", Map.of(), owner.auth())
                        .status())
                .isEqualTo(200);
        assertThat(ssh.target(caller(owner), id).exec("echo accepted").stdout()).isEqualTo("accepted\n");
    }

    @Test
    void a_strict_host_refuses_an_unknown_key() {
        TestUser owner = newUser("USER");
        long id = keyHost(owner, "key", "ed25519", env.ssh().port(), "hostKeyPolicy", "strict");

        assertThatThrownBy(() -> ssh.target(caller(owner), id).exec("true"))
                .isInstanceOfSatisfying(
                        SshException.class, e -> assertThat(e.code()).isEqualTo(SshException.Code.HOST_KEY_UNKNOWN));
        assertThat(api().get("/api/hosts/" + id + "/host-key", owner.auth()).field("known"))
                .isEqualTo(false);
    }

    @Test
    void a_local_forward_carries_bytes_to_a_port_seen_from_the_server() throws Exception {
        TestUser owner = newUser("USER");
        SshTarget target = ssh.target(
                caller(owner), keyHost(owner, "key", "ed25519", env.ssh().port()));

        try (Forward forward = target.localForward(
                        "127.0.0.1", 0, "127.0.0.1", env.ssh().port());
                Socket socket = new Socket()) {
            socket.connect(forward.boundAddress(), 5_000);
            socket.setSoTimeout(5_000);
            byte[] banner = new byte[7];
            int read = socket.getInputStream().readNBytes(banner, 0, banner.length);
            assertThat(new String(banner, 0, read, StandardCharsets.US_ASCII)).isEqualTo("SSH-2.0");
        }
    }

    @Test
    void a_client_that_resets_its_forwarded_connection_ends_the_servers_connection_too() throws Exception {
        TestUser owner = newUser("USER");
        SshTarget target = ssh.target(
                caller(owner), keyHost(owner, "key", "ed25519", env.ssh().port()));
        try (ServerSocket destination = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Forward forward = target.localForward("127.0.0.1", 0, "127.0.0.1", destination.getLocalPort())) {
            Socket client = new Socket();
            client.connect(forward.boundAddress(), 5_000);
            client.getOutputStream().write('x');
            try (Socket reached = destination.accept()) {
                reached.setSoTimeout(10_000);
                assertThat(reached.getInputStream().read()).isEqualTo('x');
                client.setSoLinger(true, 0);
                client.close(); // a reset, not a FIN
                // MINA 2.16 closes the channel without telling sshd after a reset (GH-879), which leaves sshd's
                // connection to the destination open until the whole SSH connection ends
                assertThat(reached.getInputStream().read())
                        .as("sshd closed its side")
                        .isEqualTo(-1);
            }
        }
    }

    @Test
    void closing_a_remote_forward_to_an_acceptor_ends_the_connections_it_accepted() throws Exception {
        TestUser owner = newUser("USER");
        SshTarget target = ssh.target(
                caller(owner), keyHost(owner, "key", "ed25519", env.ssh().port()));
        var accepted = new java.util.concurrent.CompletableFuture<TcpChannel>();
        Forward forward = target.remoteForward("127.0.0.1", 0, (channel, origin) -> {
            accepted.complete(channel);
            return new TcpReceiver() {
                @Override
                public java.util.concurrent.CompletionStage<?> received(byte[] data) {
                    return java.util.concurrent.CompletableFuture.completedFuture(null);
                }

                @Override
                public void closed(java.util.Optional<String> error) {}
            };
        });
        try (Socket client = new Socket()) {
            client.connect(forward.boundAddress(), 5_000);
            accepted.get(10, java.util.concurrent.TimeUnit.SECONDS);
            forward.close();
            client.setSoTimeout(10_000);
            // sshd keeps a cancelled listen's connections; the host closes their channels itself
            assertThat(client.getInputStream().read())
                    .as("the client's connection ends")
                    .isEqualTo(-1);
        }
        // asked for on port 0, cancelled by the port sshd chose
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        boolean listening = true;
        while (listening && System.nanoTime() < deadline) {
            try (Socket probe = new Socket()) {
                probe.connect(forward.boundAddress(), 1_000);
                Thread.sleep(100);
            } catch (java.io.IOException refused) {
                listening = false;
            }
        }
        assertThat(listening)
                .as("sshd still listens on " + forward.boundAddress())
                .isFalse();
    }

    @Test
    void a_ping_reads_the_banner_and_leaves_sshd_only_its_probe_lines() throws Exception {
        TestUser owner = newUser("USER");
        SshTarget target = ssh.target(
                caller(owner), keyHost(owner, "key", "ed25519", env.ssh().port()));
        java.nio.file.Path log = env.directory().resolve("log/sshd-test.log");
        long before = java.nio.file.Files.size(log);

        for (int i = 0; i < 10; i++) {
            assertThat(target.ping().identification()).startsWith("SSH-2.0-OpenSSH_");
        }
        // the control: a client that reads the banner and hangs up, as Termix's check does, is an error line
        try (Socket banner = new Socket()) {
            banner.connect(env.ssh().address(), 5_000);
            banner.setSoTimeout(5_000);
            assertThat(banner.getInputStream().read()).isEqualTo('S');
        }

        List<String> added = awaitLines(
                log, before, lines -> lines.stream().anyMatch(l -> l.contains("kex_exchange_identification")));
        List<String> probes = added.stream()
                .filter(l -> l.contains("probed from") && l.contains("Probe-Porthole"))
                .toList();
        assertThat(probes).as("sshd's probe lines").hasSize(10);
        for (String probe : probes) {
            String port = probe.replaceAll(".* port (\\d+) .*", "$1");
            assertThat(added.stream().filter(l -> l.contains(" port " + port + " ") || l.endsWith(" port " + port)))
                    .as("what sshd logged for the probe from port " + port)
                    .allSatisfy(l -> assertThat(l)
                            .doesNotContain("[preauth]")
                            .doesNotContain("kex_exchange_identification")
                            .doesNotContain("reset")
                            .doesNotContain("isconnect"));
        }
        assertThat(added.stream().filter(l -> l.contains("kex_exchange_identification")))
                .as("error lines: the control's only")
                .hasSize(1);
    }

    @Test
    void a_ping_goes_through_the_bastion_and_through_a_socks5_proxy_and_a_closed_port_is_unreachable()
            throws Exception {
        TestUser owner = newUser("USER");
        long bastion = keyHost(owner, "key", "ed25519", env.bastion().port());
        long viaBastion = keyHost(owner, "key", "ed25519", env.ssh().port(), "jumpHostId", bastion);
        long viaSocks =
                keyHost(owner, "key", "ed25519", env.ssh().port(), "proxies", List.of(proxy(env.socks(), null, null)));
        for (long host : new long[] {viaBastion, viaSocks}) {
            assertThat(ssh.target(caller(owner), host).ping().identification())
                    .as("host " + host)
                    .startsWith("SSH-2.0-OpenSSH_");
        }
        int closed;
        try (var socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        SshTarget nobody = ssh.target(caller(owner), keyHost(owner, "key", "ed25519", closed));
        assertThatThrownBy(nobody::ping).isInstanceOfSatisfying(SshException.class, e -> assertThat(e.code())
                .isEqualTo(SshException.Code.UNREACHABLE));
    }

    /** The log's lines after {@code offset}, once {@code done} holds for them (or after 5 s), CRs stripped. */
    private static List<String> awaitLines(
            java.nio.file.Path log, long offset, java.util.function.Predicate<List<String>> done) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        List<String> lines;
        do {
            byte[] all = java.nio.file.Files.readAllBytes(log);
            String text = new String(all, (int) offset, all.length - (int) offset, StandardCharsets.UTF_8);
            lines = text.lines().map(l -> l.replace("\r", "")).toList();
            if (done.test(lines)) {
                return lines;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return lines;
    }

    @Test
    void a_restarted_sshd_is_noticed_and_the_next_command_gets_a_new_connection() throws Exception {
        TestUser owner = newUser("USER");
        SshTarget target = ssh.target(
                caller(owner), keyHost(owner, "key", "ed25519", env.ssh().port()));
        assertThat(target.exec("echo before").stdout()).isEqualTo("before\n");

        restartSshd();

        assertThat(target.exec("echo after").stdout()).isEqualTo("after\n");
    }

    @Test
    void two_hundred_concurrent_commands_respect_max_sessions_and_all_succeed() throws Exception {
        TestUser owner = newUser("USER");
        SshTarget target = ssh.target(
                caller(owner), keyHost(owner, "key", "ed25519", env.ssh().port()));
        ExecutorService threads = Executors.newFixedThreadPool(200);
        try {
            List<Callable<ExecResult>> work = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String n = Integer.toString(i);
                work.add(
                        () -> target.exec(ExecRequest.of("sleep 0.2; echo " + n).withTimeout(Duration.ofSeconds(60))));
            }
            List<Future<ExecResult>> results = threads.invokeAll(work, 120, TimeUnit.SECONDS);
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get().stdout()).isEqualTo(i + "\n");
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** POST /api/hosts/{id}/test: success, every stage ok, the server's own key, the methods it offers. */
    @SuppressWarnings("unchecked")
    private void assertConnectionTestSucceeds(TestUser owner, long hostId) {
        Reply test = api().post("/api/hosts/" + hostId + "/test", Map.of(), owner.auth());

        assertThat(test.field("success")).as(test.toString()).isEqualTo(true);
        List<Map<String, Object>> log = (List<Map<String, Object>>) test.field("log");
        assertThat(log)
                .extracting(e -> e.get("stage"))
                .contains("dns", "tcp", "handshake", "host_key", "authentication");
        assertThat(log).allSatisfy(e -> assertThat(e.get("outcome")).isEqualTo("ok"));
        Map<String, Object> hostKey = (Map<String, Object>) test.field("hostKey");
        assertThat(fingerprints(true)).contains((String) hostKey.get("fingerprint"));
        assertThat((List<String>) test.field("authMethods")).contains("publickey");
    }

    private void assertPinned(TestUser owner, long hostId, boolean mainSshd) {
        Reply key = api().get("/api/hosts/" + hostId + "/host-key", owner.auth());
        assertThat(key.field("known")).isEqualTo(true);
        List<String> expected = mainSshd ? fingerprints(true) : fingerprints(false);
        assertThat(expected).contains((String) key.field("fingerprint"));
    }

    private List<String> fingerprints(boolean mainSshd) {
        return List.of("ed25519", "ecdsa", "rsa").stream()
                .map(algorithm ->
                        mainSshd ? env.sshHostKeyFingerprint(algorithm) : env.bastionHostKeyFingerprint(algorithm))
                .toList();
    }

    private static Challenge challengeOf(Runnable login) {
        try {
            login.run();
        } catch (SshException e) {
            assertThat(e.code()).as(e.getMessage()).isEqualTo(SshException.Code.CHALLENGE_REQUIRED);
            return e.challenge().orElseThrow();
        }
        throw new AssertionError("the login asked for no challenge");
    }

    private static Map<String, Object> proxy(Testenv.Endpoint endpoint, String username, String password) {
        Map<String, Object> proxy = new java.util.HashMap<>(Map.of("host", endpoint.host(), "port", endpoint.port()));
        if (username != null) {
            proxy.put("username", username);
            proxy.put("password", password);
        }
        return proxy;
    }

    /**
     * Kills the sshd and every connection process under it, as a reboot of the host would (a restart of sshd alone
     * keeps the connections it serves), then starts it again.
     */
    private void restartSshd() throws Exception {
        Path pidFile = env.directory().resolve("run/sshd-test.pid");
        String pid = Files.readString(pidFile).trim();
        run("tree() { for c in $(pgrep -P $1); do tree $c; done; echo $1; }; kill -KILL $(tree " + pid + ")");
        run(projectRoot().resolve("scripts/testenv/sshd.sh") + " start");
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(env.ssh().host(), env.ssh().port()), 5_000);
        }
    }

    private static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("scripts/testenv"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(
                    "scripts/testenv not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    private static void run(String command) throws Exception {
        Process process = new ProcessBuilder("bash", "-c", command)
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
