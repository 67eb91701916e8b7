package dev.porthole.platform.ssh;

import static dev.porthole.platform.ssh.SshTestSupport.caller;
import static dev.porthole.platform.ssh.SshTestSupport.createHost;
import static dev.porthole.platform.ssh.SshTestSupport.createPasswordHost;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.porthole.api.http.HttpError;
import dev.porthole.api.ssh.ConnectOptions;
import dev.porthole.api.ssh.ExecRequest;
import dev.porthole.api.ssh.ExecResult;
import dev.porthole.api.ssh.SshException;
import dev.porthole.api.ssh.SshTarget;
import dev.porthole.api.ssh.TcpAcceptor;
import dev.porthole.api.ssh.TcpChannel;
import dev.porthole.api.ssh.TcpReceiver;
import dev.porthole.platform.support.PlatformTestBase;
import dev.porthole.platform.support.TestDatabase;
import dev.porthole.platform.support.TestKeys;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Logins, exec and pooling against MINA's in-process server. */
@MicronautTest(transactional = false)
class SshConnectionsH2Test extends PlatformTestBase {
    private final TestSshServer sshd = new TestSshServer();

    @Inject
    DefaultSshConnections ssh;

    SshConnectionsH2Test() {
        super(TestDatabase.H2);
    }

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("porthole.ssh.max-sessions-per-connection", "2", "porthole.ssh.idle-timeout", "3s");
    }

    @AfterAll
    void stopServer() throws Exception {
        sshd.close();
    }

    private SshTarget passwordTarget(TestUser user) {
        long id = createPasswordHost(api(), user.auth(), "pw-" + System.nanoTime(), sshd.port());
        return ssh.target(caller(user), id);
    }

    @Test
    void a_password_login_runs_a_command_with_its_output_and_exit_status() {
        SshTarget target = passwordTarget(newUser("USER"));

        ExecResult result = target.exec("echo out; echo err >&2; exit 3");

        assertThat(result.stdout()).isEqualTo("out\n");
        assertThat(result.stderr()).isEqualTo("err\n");
        assertThat(result.exitStatus()).hasValue(3);
        assertThat(result.truncated()).isFalse();
        assertThat(result.timedOut()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ed25519", "ecdsa", "rsa3072", "rsa-pem", "ed25519-encrypted", "rsa-pem-encrypted"})
    void every_key_type_logs_in(String keyName) {
        TestUser user = newUser("USER");
        boolean encrypted = keyName.endsWith("encrypted");
        long id = createHost(
                api(),
                user.auth(),
                "key-" + keyName,
                sshd.port(),
                "keys",
                "authType",
                "key",
                "privateKey",
                TestKeys.read(keyName),
                "keyPassphrase",
                encrypted ? TestKeys.PASSPHRASE : "");

        assertThat(ssh.target(caller(user), id).exec("echo ok").stdout()).isEqualTo("ok\n");
    }

    @Test
    void a_wrong_password_is_auth_failed() {
        TestUser user = newUser("USER");
        long id = createHost(
                api(), user.auth(), "wrong", sshd.port(), "alice", "authType", "password", "password", "nope-nope");

        assertThatThrownBy(() -> ssh.target(caller(user), id).exec("true"))
                .isInstanceOfSatisfying(
                        SshException.class, e -> assertThat(e.code()).isEqualTo(SshException.Code.AUTH_FAILED));
    }

    @Test
    void an_unauthorized_key_is_auth_failed_and_an_override_password_logs_in() {
        TestUser user = newUser("USER");
        long id = createHost(
                api(),
                user.auth(),
                "override",
                sshd.port(),
                "alice",
                "authType",
                "key",
                "privateKey",
                TestKeys.read("ed25519"));

        assertThatThrownBy(() -> ssh.target(caller(user), id).exec("true"))
                .isInstanceOfSatisfying(
                        SshException.class, e -> assertThat(e.code()).isEqualTo(SshException.Code.AUTH_FAILED));
        ExecResult result = ssh.target(caller(user), id, ConnectOptions.NONE.withPassword(TestSshServer.PASSWORD))
                .exec("echo overridden");
        assertThat(result.stdout()).isEqualTo("overridden\n");
    }

    @Test
    void a_bad_override_key_or_passphrase_is_told_apart() {
        TestUser user = newUser("USER");
        long id = createHost(api(), user.auth(), "badkey", sshd.port(), "keys");

        assertThatThrownBy(() ->
                        ssh.target(caller(user), id, ConnectOptions.NONE.withPrivateKey("not a key", Optional.empty())))
                .isInstanceOfSatisfying(
                        SshException.class, e -> assertThat(e.code()).isEqualTo(SshException.Code.INVALID_KEY));
        assertThatThrownBy(() -> ssh.target(
                        caller(user),
                        id,
                        ConnectOptions.NONE.withPrivateKey(TestKeys.read("ed25519-encrypted"), Optional.of("wrong"))))
                .isInstanceOfSatisfying(
                        SshException.class, e -> assertThat(e.code()).isEqualTo(SshException.Code.BAD_PASSPHRASE));
    }

    @Test
    void a_user_without_use_access_gets_no_target() {
        TestUser owner = newUser("USER");
        TestUser stranger = newUser("USER");
        long id = createHost(api(), owner.auth(), "private", sshd.port(), "alice");

        assertThatThrownBy(() -> ssh.target(caller(stranger), id))
                .isInstanceOfSatisfying(
                        HttpError.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void the_timeout_ends_a_command_and_the_output_limit_truncates() {
        SshTarget target = passwordTarget(newUser("USER"));

        ExecResult slow = target.exec(ExecRequest.of("sleep 5").withTimeout(Duration.ofMillis(300)));
        ExecResult loud = target.exec(ExecRequest.of("head -c 5000 /dev/zero").withOutputLimit(100));

        assertThat(slow.timedOut()).isTrue();
        assertThat(slow.exitStatus()).isEmpty();
        assertThat(slow.duration()).isLessThan(Duration.ofSeconds(4));
        assertThat(loud.truncated()).isTrue();
        assertThat(loud.stdout()).hasSize(100);
    }

    @Test
    void streaming_exec_hands_both_streams_to_the_listener() {
        SshTarget target = passwordTarget(newUser("USER"));
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();

        ExecResult result = target.exec(
                ExecRequest.of("echo one; echo two >&2; echo three"), new dev.porthole.api.ssh.ExecListener() {
                    @Override
                    public void stdout(byte[] chunk) {
                        out.append(new String(chunk));
                    }

                    @Override
                    public void stderr(byte[] chunk) {
                        err.append(new String(chunk));
                    }
                });

        assertThat(out).hasToString("one\nthree\n");
        assertThat(err).hasToString("two\n");
        assertThat(result.exitStatus()).hasValue(0);
    }

    @Test
    void one_connection_carries_sequential_execs_and_a_burst_past_the_limit_opens_a_second() throws Exception {
        TestUser user = newUser("USER");
        long id = createPasswordHost(api(), user.auth(), "pool", sshd.port());
        SshTarget target = ssh.target(caller(user), id);

        for (int i = 0; i < 5; i++) {
            assertThat(target.exec("echo " + i).stdout()).isEqualTo(i + "\n");
        }
        assertThat(ssh.connectionCount(id)).isEqualTo(1);

        // the limit is 2 channels per connection: 3 at once need a second connection, and no more
        var pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            var runs = new java.util.ArrayList<java.util.concurrent.Future<ExecResult>>();
            for (int i = 0; i < 3; i++) {
                runs.add(pool.submit(() -> target.exec("sleep 1; echo done")));
            }
            for (var run : runs) {
                assertThat(run.get().stdout()).isEqualTo("done\n");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(ssh.connectionCount(id)).isEqualTo(2);
    }

    @Test
    void a_connection_dropped_by_the_server_is_replaced_on_next_use_and_idle_ones_are_closed() throws Exception {
        TestUser user = newUser("USER");
        long id = createPasswordHost(api(), user.auth(), "drop", sshd.port());
        SshTarget target = ssh.target(caller(user), id);
        assertThat(target.exec("echo before").stdout()).isEqualTo("before\n");

        sshd.disconnectAll();
        Thread.sleep(200);

        assertThat(target.exec("echo after").stdout()).isEqualTo("after\n");
        assertThat(ssh.connectionCount(id)).isEqualTo(1);
        // idle-timeout is 3 s in this suite
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (ssh.connectionCount(id) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(ssh.connectionCount(id)).isZero();
    }

    @Test
    void a_verification_code_becomes_a_challenge_that_only_its_user_answers() {
        TestUser user = newUser("USER");
        TestUser other = newUser("USER");
        long id = createHost(
                api(),
                user.auth(),
                "totp",
                sshd.port(),
                "totp",
                "authType",
                "keyboard-interactive",
                "password",
                TestSshServer.PASSWORD);
        SshTarget target = ssh.target(caller(user), id);

        SshException required = catchSsh(target::connect);
        assertThat(required.code()).isEqualTo(SshException.Code.CHALLENGE_REQUIRED);
        dev.porthole.api.ssh.Challenge challenge = required.challenge().orElseThrow();
        assertThat(challenge.kind()).isEqualTo(dev.porthole.api.ssh.Challenge.Kind.TOTP);
        assertThat(challenge.hostId()).isEqualTo(id);
        assertThat(challenge.prompts())
                .extracting(dev.porthole.api.ssh.Challenge.Prompt::text)
                .containsExactly("Verification code: ");

        SshException wrongUser = catchSsh(() -> ssh.answer(caller(other), challenge.id(), java.util.List.of("1")));
        assertThat(wrongUser.code()).isEqualTo(SshException.Code.CHALLENGE_EXPIRED);

        ssh.answer(caller(user), challenge.id(), java.util.List.of(TestSshServer.TOTP_CODE));
        assertThat(target.exec("echo in").stdout()).isEqualTo("in\n");
        assertThat(ssh.connectionCount(id)).isEqualTo(1);
        SshException again = catchSsh(() -> ssh.answer(caller(user), challenge.id(), java.util.List.of("x")));
        assertThat(again.code()).isEqualTo(SshException.Code.CHALLENGE_EXPIRED);
    }

    @Test
    void a_connection_logged_in_with_one_users_code_is_not_lent_to_another_user() {
        TestUser owner = newUser("USER");
        TestUser colleague = newUser("USER");
        long id = createHost(
                api(),
                owner.auth(),
                "totp-shared",
                sshd.port(),
                "totp",
                "authType",
                "keyboard-interactive",
                "password",
                TestSshServer.PASSWORD);
        assertThat(api().post(
                                "/api/hosts/" + id + "/shares",
                                java.util.Map.of("username", colleague.username(), "level", "use"),
                                owner.auth())
                        .status())
                .isEqualTo(201);
        SshException required = catchSsh(ssh.target(caller(owner), id)::connect);
        ssh.answer(caller(owner), required.challenge().orElseThrow().id(), java.util.List.of(TestSshServer.TOTP_CODE));
        assertThat(ssh.target(caller(owner), id).exec("echo owner").stdout()).isEqualTo("owner\n");

        SshException colleagues =
                catchSsh(() -> ssh.target(caller(colleague), id).exec("echo colleague"));

        assertThat(colleagues.code()).isEqualTo(SshException.Code.CHALLENGE_REQUIRED);
    }

    @Test
    void a_wrong_code_fails_the_login() {
        TestUser user = newUser("USER");
        long id = createHost(
                api(),
                user.auth(),
                "totp-wrong",
                sshd.port(),
                "totp",
                "authType",
                "keyboard-interactive",
                "password",
                TestSshServer.PASSWORD);
        SshException required = catchSsh(() -> ssh.target(caller(user), id).connect());

        SshException failed = catchSsh(() ->
                ssh.answer(caller(user), required.challenge().orElseThrow().id(), java.util.List.of("000000")));

        assertThat(failed.code()).isEqualTo(SshException.Code.AUTH_FAILED);
    }

    @Test
    void a_warpgate_step_carries_its_url_and_security_key() {
        TestUser user = newUser("USER");
        long id = createHost(api(), user.auth(), "wg", sshd.port(), "warpgate", "authType", "keyboard-interactive");

        SshException required = catchSsh(() -> ssh.target(caller(user), id).connect());

        dev.porthole.api.ssh.Challenge challenge = required.challenge().orElseThrow();
        assertThat(challenge.kind()).isEqualTo(dev.porthole.api.ssh.Challenge.Kind.WARPGATE);
        assertThat(challenge.url()).hasValue(TestSshServer.WARPGATE_URL);
        assertThat(challenge.securityKey()).hasValue(TestSshServer.WARPGATE_KEY);
        ssh.answer(caller(user), challenge.id(), java.util.List.of(""));
        assertThat(ssh.target(caller(user), id).exec("echo approved").stdout()).isEqualTo("approved\n");
    }

    @Test
    void tcp_channels_past_the_session_limit_share_one_connection_and_carry_bytes_both_ways() throws Exception {
        TestUser user = newUser("USER");
        long id = createPasswordHost(api(), user.auth(), "tcp-" + System.nanoTime(), sshd.port());
        SshTarget target = ssh.target(caller(user), id);
        try (var echo = new EchoServer()) {
            var channels = new ArrayList<TcpChannel>();
            var echoes = new ArrayList<Collected>();
            try {
                // five channels at once on a limit of two sessions per connection
                for (int i = 0; i < 5; i++) {
                    Collected collected = new Collected();
                    echoes.add(collected);
                    channels.add(target.openTcp("127.0.0.1", echo.port(), collected));
                }
                for (int i = 0; i < 5; i++) {
                    channels.get(i)
                            .write(("channel " + i + "\n").getBytes())
                            .toCompletableFuture()
                            .get(5, SECONDS);
                }
                for (int i = 0; i < 5; i++) {
                    assertThat(echoes.get(i).awaitText(("channel " + i + "\n").length()))
                            .isEqualTo("channel " + i + "\n");
                }
                assertThat(ssh.connectionCount(id)).isEqualTo(1);
            } finally {
                channels.forEach(TcpChannel::close);
            }
            for (Collected collected : echoes) {
                assertThat(collected.closed.get(5, SECONDS))
                        .as("closed cleanly")
                        .isEmpty();
            }
        }
    }

    @Test
    void a_tcp_channel_to_a_closed_port_fails_at_once() throws Exception {
        SshTarget target = passwordTarget(newUser("USER"));
        int closed;
        try (var socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertThatThrownBy(() -> target.openTcp("127.0.0.1", closed, new Collected()))
                .isInstanceOf(SshException.class)
                .extracting(e -> ((SshException) e).code())
                .isEqualTo(SshException.Code.CHANNEL_FAILED);
    }

    @Test
    void a_remote_forward_to_an_acceptor_hands_each_connection_over_as_a_channel() throws Exception {
        TestUser user = newUser("USER");
        long id = createPasswordHost(api(), user.auth(), "accept-" + System.nanoTime(), sshd.port());
        SshTarget target = ssh.target(caller(user), id);
        var channels = new LinkedBlockingQueue<TcpChannel>();
        var origins = new LinkedBlockingQueue<InetSocketAddress>();
        Collected received = new Collected();
        TcpAcceptor acceptor = (channel, origin) -> {
            channels.add(channel);
            origins.add(origin);
            return received;
        };
        try (var forward = target.remoteForward("127.0.0.1", 0, acceptor);
                var client = new Socket()) {
            client.connect(forward.boundAddress(), 5000);
            var fromPlugin = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
            client.getOutputStream().write("to the plugin\n".getBytes(StandardCharsets.UTF_8));
            TcpChannel channel = channels.poll(5, SECONDS);
            assertThat(channel).as("accepted").isNotNull();
            assertThat(origins.poll(5, SECONDS).getPort()).isEqualTo(client.getLocalPort());
            assertThat(received.awaitText(14)).isEqualTo("to the plugin\n");
            channel.write("to the client\n".getBytes(StandardCharsets.UTF_8))
                    .toCompletableFuture()
                    .get(5, SECONDS);
            assertThat(fromPlugin.readLine()).isEqualTo("to the client");
            assertThat(forward.traffic().bytesOut()).isEqualTo(14);
            assertThat(forward.traffic().bytesIn()).isEqualTo(14);
            assertThat(forward.traffic().openConnections()).isEqualTo(1);

            // the same port again on the same connection: refused, and the first listen is untouched
            int port = forward.boundAddress().getPort();
            assertThatThrownBy(() -> target.remoteForward("127.0.0.1", port, acceptor))
                    .isInstanceOf(SshException.class)
                    .extracting(e -> ((SshException) e).code())
                    .isEqualTo(SshException.Code.LISTEN_REFUSED);
            assertThat(ssh.connectionCount(id)).isEqualTo(1);
            channel.write("still here\n".getBytes(StandardCharsets.UTF_8))
                    .toCompletableFuture()
                    .get(5, SECONDS);
            assertThat(fromPlugin.readLine()).isEqualTo("still here");
            try (var second = new Socket()) {
                second.connect(forward.boundAddress(), 5000);
                assertThat(channels.poll(5, SECONDS)).as("still listening").isNotNull();
            }

            client.shutdownOutput();
            assertThat(received.closed.get(5, SECONDS)).as("ended cleanly").isEmpty();
        }
    }

    @Test
    void closing_an_acceptor_forward_ends_the_connections_it_accepted() throws Exception {
        SshTarget target = passwordTarget(newUser("USER"));
        Collected received = new Collected();
        var forward = target.remoteForward("127.0.0.1", 0, (channel, origin) -> received);
        try (var client = new Socket()) {
            client.connect(forward.boundAddress(), 5000);
            client.getOutputStream().write('x');
            assertThat(received.awaitText(1)).isEqualTo("x");
            client.setSoTimeout(5000);
            forward.close();
            assertThat(client.getInputStream().read())
                    .as("the client's connection ends")
                    .isEqualTo(-1);
            assertThat(received.closed).as("the plugin is told").succeedsWithin(Duration.ofSeconds(5));
        }
    }

    /** Keeps what a TCP channel's destination sends, and how the channel ended. */
    private static final class Collected implements TcpReceiver {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final CompletableFuture<Optional<String>> closed = new CompletableFuture<>();

        @Override
        public synchronized CompletionStage<?> received(byte[] data) {
            bytes.writeBytes(data);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void closed(Optional<String> error) {
            closed.complete(error);
        }

        String awaitText(int length) throws InterruptedException {
            long deadline = System.nanoTime() + SECONDS.toNanos(5);
            while (System.nanoTime() < deadline) {
                synchronized (this) {
                    if (bytes.size() >= length) {
                        return bytes.toString(StandardCharsets.UTF_8);
                    }
                }
                Thread.sleep(5);
            }
            synchronized (this) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }
    }

    @Test
    void each_forward_kind_carries_bytes_and_a_stream_echoes() throws Exception {
        SshTarget target = passwordTarget(newUser("USER"));
        try (var echo = new EchoServer()) {
            try (var local = target.localForward("127.0.0.1", 0, "127.0.0.1", echo.port())) {
                assertThat(EchoServer.roundTrip(local.boundAddress(), "local")).isEqualTo("local");
            }
            try (var remote = target.remoteForward("127.0.0.1", 0, "127.0.0.1", echo.port())) {
                assertThat(EchoServer.roundTrip(remote.boundAddress(), "remote"))
                        .isEqualTo("remote");
            }
            try (var dynamic = target.dynamicForward("127.0.0.1", 0)) {
                java.net.Proxy socks = new java.net.Proxy(java.net.Proxy.Type.SOCKS, dynamic.boundAddress());
                try (var socket = new java.net.Socket(socks)) {
                    socket.connect(new java.net.InetSocketAddress("127.0.0.1", echo.port()), 5000);
                    socket.getOutputStream().write("dynamic\n".getBytes());
                    var reader = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream()));
                    assertThat(reader.readLine()).isEqualTo("dynamic");
                }
            }
        }
        try (var stream = target.openStream("cat")) {
            stream.output().write("through cat\n".getBytes());
            stream.output().flush();
            var reader = new java.io.BufferedReader(new java.io.InputStreamReader(stream.input()));
            assertThat(reader.readLine()).isEqualTo("through cat");
        }
    }

    @Test
    void a_target_gives_the_stages_of_the_connection_it_opened_also_when_it_failed() {
        TestUser user = newUser("USER");
        SshTarget target = passwordTarget(user);
        assertThat(target.connectionLog()).isEmpty();

        target.connect();

        assertThat(target.connectionLog())
                .extracting(dev.porthole.api.ssh.ConnectionStage::stage)
                .contains("tcp", "handshake", "authentication");
        assertThat(target.connectionLog())
                .allSatisfy(stage -> assertThat(stage.outcome()).isEqualTo("ok"));
        SshTarget pooled = ssh.target(caller(user), target.hostId());
        pooled.connect();
        assertThat(pooled.connectionLog())
                .as("the pooled connection was reused")
                .isEmpty();

        long wrong = createHost(
                api(), user.auth(), "wrong-log", sshd.port(), "alice", "authType", "password", "password", "nope-x");
        SshTarget refused = ssh.target(caller(user), wrong);
        catchSsh(refused::connect);
        assertThat(refused.connectionLog()).last().satisfies(stage -> {
            assertThat(stage.stage()).isEqualTo("authentication");
            assertThat(stage.outcome()).isEqualTo("failed");
            assertThat(stage.code()).hasValue("AUTH_FAILED");
        });
    }

    @Test
    void a_stream_tells_how_its_command_ended_with_status_and_stderr() throws Exception {
        SshTarget target = passwordTarget(newUser("USER"));
        try (var stream = target.openStream("echo refused >&2; exit 7")) {
            var exit = stream.awaitExit(Duration.ofSeconds(10)).orElseThrow();

            assertThat(exit.exitStatus()).hasValue(7);
            assertThat(exit.errorOutput()).isEqualTo("refused\n");
        }
        try (var stream = target.openStream("cat")) {
            assertThat(stream.awaitExit(Duration.ofMillis(300)))
                    .as("cat still runs")
                    .isEmpty();
            stream.output().close();
            assertThat(stream.awaitExit(Duration.ofSeconds(10)).orElseThrow().exitStatus())
                    .hasValue(0);
        }
    }

    @Test
    void an_interrupted_wait_for_a_stream_ends_empty_and_keeps_the_interrupt() {
        SshTarget target = passwordTarget(newUser("USER"));
        try (var stream = target.openStream("cat")) {
            Thread.currentThread().interrupt();
            try {
                assertThat(stream.awaitExit(Duration.ofSeconds(30))).isEmpty();
                assertThat(Thread.currentThread().isInterrupted()).isTrue();
            } finally {
                Thread.interrupted();
            }
        }
    }

    private static SshException catchSsh(Runnable call) {
        try {
            call.run();
        } catch (SshException e) {
            return e;
        }
        throw new AssertionError("expected an SshException");
    }
}
