package dev.porthole.plugins.dockerssh.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.porthole.api.Caller;
import dev.porthole.api.Registration;
import dev.porthole.api.hosts.Host;
import dev.porthole.api.hosts.HostAccess;
import dev.porthole.api.hosts.HostChange;
import dev.porthole.api.hosts.Hosts;
import dev.porthole.api.hosts.TunnelDefinition;
import dev.porthole.api.http.HttpError;
import dev.porthole.api.http.Response;
import dev.porthole.api.ssh.Challenge;
import dev.porthole.api.ssh.ConnectOptions;
import dev.porthole.api.ssh.SshConnections;
import dev.porthole.api.ssh.SshException;
import dev.porthole.api.ssh.SshTarget;
import dev.porthole.plugins.dockerssh.testing.Unused;
import dev.porthole.test.MutableClock;
import dev.porthole.test.TestCaller;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Warpgate step, which the test environment has no server for: the SSH service's challenge is stood in for, the
 * routes are the real ones. (TOTP runs end to end against the real sshd in {@code DockerSshE2ETest}.)
 */
class WarpgateFlowTest {
    private static final Caller OWNER = TestCaller.user(1);
    private static final long HOST = 7;

    private final MutableClock clock = new MutableClock();
    private final SessionRegistry sessions = new SessionRegistry(clock, Duration.ofMinutes(60));
    private final List<List<String>> answers = new ArrayList<>();
    private final Challenge warpgate = new Challenge(
            "wg-1",
            Challenge.Kind.WARPGATE,
            HOST,
            List.of(new Challenge.Prompt("Press Enter when done: ", true)),
            "Open https://warpgate.example/login/abc and check the key",
            Optional.of("https://warpgate.example/login/abc"),
            Optional.of("ABCD-1234"),
            clock.instant().plus(Duration.ofMinutes(5)));
    private final SessionRoutes routes = new SessionRoutes(sessions, hosts(true), ssh());

    @AfterEach
    void close() {
        sessions.close();
    }

    @Test
    void connect_asks_for_warpgate_and_connect_warpgate_completes_the_login() {
        Response first = routes.connect(Fakes.json(Map.of("sessionId", "s1", "hostId", HOST), OWNER));

        assertThat(first.status()).isEqualTo(200);
        assertThat(body(first))
                .containsEntry("requires_warpgate", true)
                .containsEntry("sessionId", "s1")
                .containsEntry("url", "https://warpgate.example/login/abc")
                .containsEntry("securityKey", "ABCD-1234");
        assertThat(sessions.session("s1", OWNER)).isEmpty();
        assertThatThrownBy(() -> routes.connectTotp(Fakes.json(Map.of("sessionId", "s1", "totpCode", "123456"), OWNER)))
                .isInstanceOfSatisfying(
                        HttpError.class, e -> assertThat(e.status()).isEqualTo(400));

        Response done = routes.connectWarpgate(Fakes.json(Map.of("sessionId", "s1"), OWNER));

        assertThat(done.status()).isEqualTo(200);
        assertThat(body(done)).containsEntry("success", true);
        assertThat(answers).containsExactly(List.of(""));
        assertThat(sessions.session("s1", OWNER)).isPresent();
    }

    @Test
    void docker_disabled_on_the_host_is_403_before_any_connection() {
        SessionRoutes disabled = new SessionRoutes(sessions, hosts(false), Unused.service(SshConnections.class));

        assertThatThrownBy(() -> disabled.connect(Fakes.json(Map.of("sessionId", "s1", "hostId", HOST), OWNER)))
                .isInstanceOfSatisfying(
                        HttpError.class, e -> assertThat(e.status()).isEqualTo(403));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(Response response) {
        return (Map<String, Object>) response.body();
    }

    private static Hosts hosts(boolean enableDocker) {
        return new Hosts() {
            @Override
            public Host require(Caller caller, long hostId, HostAccess needed) {
                return new Host(
                        hostId,
                        "wg",
                        "warpgate.example",
                        2222,
                        "user:target",
                        "none",
                        Optional.empty(),
                        enableDocker,
                        false,
                        false,
                        List.of(),
                        caller.userId(),
                        HostAccess.OWNER);
            }

            @Override
            public List<Host> visibleTo(Caller caller) {
                return List.of();
            }

            @Override
            public List<TunnelDefinition> tunnels(Caller caller, long hostId) {
                throw new AssertionError("unexpected call of Hosts.tunnels");
            }

            @Override
            public List<Host> all() {
                throw new AssertionError("unexpected call of Hosts.all");
            }

            @Override
            public Caller ownerOf(long hostId) {
                throw new AssertionError("unexpected call of Hosts.ownerOf");
            }

            @Override
            public Registration onChange(Consumer<HostChange> listener) {
                throw new AssertionError("unexpected call of Hosts.onChange");
            }
        };
    }

    private SshConnections ssh() {
        SshTarget target = (SshTarget) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {SshTarget.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "hostId":
                            return HOST;
                        case "connect":
                            throw SshException.challengeRequired(warpgate);
                        case "connectionLog":
                            return List.of();
                        default:
                            throw new AssertionError("unexpected " + method.getName());
                    }
                });
        return new SshConnections() {
            @Override
            public SshTarget target(Caller caller, long hostId, ConnectOptions overrides) {
                return target;
            }

            @Override
            public void answer(Caller caller, String challengeId, List<String> given) {
                assertThat(challengeId).isEqualTo(warpgate.id());
                answers.add(given);
            }
        };
    }
}
