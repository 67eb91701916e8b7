package dev.porthole.platform.ssh;

import static dev.porthole.platform.ssh.SshTestSupport.caller;
import static dev.porthole.platform.ssh.SshTestSupport.createHost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.porthole.api.ssh.ExecResult;
import dev.porthole.api.ssh.SshException;
import dev.porthole.api.ssh.SshTarget;
import dev.porthole.platform.support.ApiClient.Reply;
import dev.porthole.platform.support.PlatformTestBase;
import dev.porthole.platform.support.TestDatabase;
import jakarta.inject.Inject;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.junit.jupiter.api.Test;

/** Host keys in the database (trust on first use, strict, changed keys), their API, and the connection test. */
abstract class HostKeysContract extends PlatformTestBase {

    @Inject
    DefaultSshConnections ssh;

    @Inject
    HostKeyStore keys;

    HostKeysContract(TestDatabase database) {
        super(database);
    }

    private long passwordHost(TestUser user, TestSshServer sshd, Object... more) {
        Object[] fields = new Object[4 + more.length];
        fields[0] = "authType";
        fields[1] = "password";
        fields[2] = "password";
        fields[3] = TestSshServer.PASSWORD;
        System.arraycopy(more, 0, fields, 4, more.length);
        return createHost(api(), user.auth(), "h" + System.nanoTime(), sshd.port(), "alice", fields);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Reply reply, String field) {
        return (Map<String, Object>) reply.map().get(field);
    }

    @Test
    void the_first_connection_trusts_the_key_and_a_changed_key_is_refused_with_both_fingerprints() throws Exception {
        try (TestSshServer sshd = new TestSshServer()) {
            TestUser user = newUser("USER");
            long id = passwordHost(user, sshd);
            String first = KeyUtils.getFingerPrint(sshd.hostKey().getPublic());

            Reply tested = api().post("/api/hosts/" + id + "/test", Map.of(), user.auth());

            assertThat(tested.status()).isEqualTo(200);
            assertThat(tested.map()).containsEntry("success", true);
            assertThat(map(tested, "hostKey")).containsEntry("fingerprint", first);
            assertThat(tested.body()).contains("trusted on first use");
            assertThat((List<String>) tested.map().get("authMethods"))
                    .contains("password", "publickey", "keyboard-interactive");
            assertThat(tested.body())
                    .contains("\"dns\"", "\"tcp\"", "\"handshake\"", "\"host_key\"", "\"authentication\"");
            Reply stored = api().get("/api/hosts/" + id + "/host-key", user.auth());
            assertThat(stored.map())
                    .containsEntry("known", true)
                    .containsEntry("fingerprint", first)
                    .containsEntry("policy", "tofu");

            sshd.replaceHostKey();
            String second = KeyUtils.getFingerPrint(sshd.hostKey().getPublic());

            Reply refused = api().post("/api/hosts/" + id + "/test", Map.of(), user.auth());
            assertThat(refused.map()).containsEntry("success", false);
            assertThat(map(refused, "failure"))
                    .containsEntry("stage", "host_key")
                    .containsEntry("code", "HOST_KEY_CHANGED")
                    .containsEntry("knownFingerprint", first)
                    .containsEntry("offeredFingerprint", second);
            assertThatThrownBy(() -> ssh.target(caller(user), id).exec("true"))
                    .isInstanceOfSatisfying(SshException.class, e -> {
                        assertThat(e.code()).isEqualTo(SshException.Code.HOST_KEY_CHANGED);
                        assertThat(e.getMessage()).contains(first, second);
                        assertThat(e.hostKey().orElseThrow().knownFingerprint()).hasValue(first);
                    });

            Reply accepted = api().post("/api/hosts/" + id + "/host-key/accept", Map.of(), user.auth());
            assertThat(accepted.status()).isEqualTo(200);
            assertThat(accepted.map()).containsEntry("fingerprint", second);
            assertThat(ssh.target(caller(user), id).exec("echo again").stdout()).isEqualTo("again\n");
        }
    }

    @Test
    void a_replacement_that_fails_keeps_the_known_key() {
        TestUser user = newUser("USER");
        long id = createHost(
                api(), user.auth(), "h" + System.nanoTime(), 22, "alice", "authType", "password", "password", "pw");
        HostKeyRow known = keys.remember(id, new OfferedKey("ssh-ed25519", "SHA256:known", "ssh-ed25519 AAAAknown"));

        // algorithm is VARCHAR(64): the insert of the new key fails after the old one was deleted
        assertThatThrownBy(() ->
                        keys.remember(id, new OfferedKey("x".repeat(65), "SHA256:offered", "ssh-ed25519 AAAAoffered")))
                .isInstanceOf(RuntimeException.class);

        assertThat(keys.find(id))
                .as("the host is still known by its old key, not left to trust the next one on first use")
                .hasValueSatisfying(row -> assertThat(row.fingerprint()).isEqualTo(known.fingerprint()));
    }

    @Test
    void connections_opened_at_once_to_a_new_host_all_trust_the_one_key_it_offers() throws Exception {
        try (TestSshServer sshd = new TestSshServer()) {
            TestUser user = newUser("USER");
            long id = passwordHost(user, sshd);
            SshTarget target = ssh.target(caller(user), id);
            ExecutorService threads = Executors.newFixedThreadPool(100);
            try {
                // ten times the sessions one connection carries: the pool opens several connections at once
                List<Callable<ExecResult>> commands = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    String n = Integer.toString(i);
                    commands.add(() -> target.exec("sleep 0.3; echo " + n));
                }
                List<Future<ExecResult>> results = threads.invokeAll(commands, 60, TimeUnit.SECONDS);
                for (int i = 0; i < results.size(); i++) {
                    assertThat(results.get(i).get().stdout()).isEqualTo(i + "\n");
                }
            } finally {
                threads.shutdownNow();
            }
            assertThat(keys.find(id)).hasValueSatisfying(row -> assertThat(row.fingerprint())
                    .isEqualTo(KeyUtils.getFingerPrint(sshd.hostKey().getPublic())));
        }
    }

    @Test
    void a_first_use_that_lost_the_race_gets_the_winners_key_to_compare() {
        TestUser user = newUser("USER");
        long id = createHost(
                api(), user.auth(), "h" + System.nanoTime(), 22, "alice", "authType", "password", "password", "pw");
        HostKeyRow winner =
                keys.trustOnFirstUse(id, new OfferedKey("ssh-ed25519", "SHA256:first", "ssh-ed25519 AAAAfirst"));

        HostKeyRow loser =
                keys.trustOnFirstUse(id, new OfferedKey("ssh-ed25519", "SHA256:second", "ssh-ed25519 AAAAsecond"));

        assertThat(loser.fingerprint()).isEqualTo(winner.fingerprint()).isEqualTo("SHA256:first");
        assertThat(keys.find(id))
                .hasValueSatisfying(row -> assertThat(row.publicKey()).isEqualTo("ssh-ed25519 AAAAfirst"));
    }

    @Test
    void a_strict_host_refuses_an_unknown_key_until_it_is_accepted_and_forgetting_it_refuses_again() throws Exception {
        try (TestSshServer sshd = new TestSshServer()) {
            TestUser user = newUser("USER");
            long id = passwordHost(user, sshd, "hostKeyPolicy", "strict");

            Reply refused = api().post("/api/hosts/" + id + "/test", Map.of(), user.auth());
            assertThat(map(refused, "failure"))
                    .containsEntry("code", "HOST_KEY_UNKNOWN")
                    .containsEntry(
                            "offeredFingerprint",
                            KeyUtils.getFingerPrint(sshd.hostKey().getPublic()));
            assertThat(api().get("/api/hosts/" + id + "/host-key", user.auth()).map())
                    .containsEntry("known", false)
                    .containsEntry("policy", "strict");

            assertThat(api().post("/api/hosts/" + id + "/host-key/accept", Map.of(), user.auth())
                            .status())
                    .isEqualTo(200);
            assertThat(api().post("/api/hosts/" + id + "/test", Map.of(), user.auth())
                            .map())
                    .containsEntry("success", true);

            assertThat(api().delete("/api/hosts/" + id + "/host-key", user.auth())
                            .status())
                    .isEqualTo(204);
            assertThat(map(api().post("/api/hosts/" + id + "/test", Map.of(), user.auth()), "failure"))
                    .containsEntry("code", "HOST_KEY_UNKNOWN");
        }
    }

    @Test
    void the_test_names_the_failed_stage_and_its_code() throws Exception {
        try (TestSshServer sshd = new TestSshServer()) {
            TestUser user = newUser("USER");
            long wrongPassword = createHost(
                    api(), user.auth(), "wrong-pw", sshd.port(), "alice", "authType", "password", "password", "not-it");
            long totp = createHost(
                    api(),
                    user.auth(),
                    "needs-code",
                    sshd.port(),
                    "totp",
                    "authType",
                    "keyboard-interactive",
                    "password",
                    TestSshServer.PASSWORD);
            int closedPort;
            try (ServerSocket socket = new ServerSocket(0)) {
                closedPort = socket.getLocalPort();
            }
            long closed = createHost(api(), user.auth(), "closed", closedPort, "alice");
            long noName = createHost(api(), user.auth(), "no-name", 22, "alice", "address", "no-such-host.invalid");

            assertThat(map(api().post("/api/hosts/" + wrongPassword + "/test", Map.of(), user.auth()), "failure"))
                    .containsEntry("stage", "authentication")
                    .containsEntry("code", "AUTH_FAILED");
            assertThat(map(api().post("/api/hosts/" + totp + "/test", Map.of(), user.auth()), "failure"))
                    .containsEntry("code", "CHALLENGE_REQUIRED");
            assertThat(map(api().post("/api/hosts/" + closed + "/test", Map.of(), user.auth()), "failure"))
                    .containsEntry("stage", "tcp")
                    .containsEntry("code", "UNREACHABLE");
            assertThat(map(api().post("/api/hosts/" + noName + "/test", Map.of(), user.auth()), "failure"))
                    .containsEntry("stage", "dns")
                    .containsEntry("code", "DNS_FAILURE");
        }
    }

    @Test
    void host_keys_are_for_owners_and_tests_for_users_of_the_host() throws Exception {
        try (TestSshServer sshd = new TestSshServer()) {
            TestUser owner = newUser("USER");
            TestUser viewer = newUser("USER");
            TestUser stranger = newUser("USER");
            long id = passwordHost(owner, sshd);
            api().post(
                            "/api/hosts/" + id + "/shares",
                            Map.of("username", viewer.username(), "level", "view"),
                            owner.auth());

            assertThat(api().post("/api/hosts/" + id + "/test", Map.of(), viewer.auth())
                            .status())
                    .isEqualTo(403);
            assertThat(api().get("/api/hosts/" + id + "/host-key", viewer.auth())
                            .status())
                    .isEqualTo(403);
            assertThat(api().delete("/api/hosts/" + id + "/host-key", viewer.auth())
                            .status())
                    .isEqualTo(403);
            assertThat(api().get("/api/hosts/" + id + "/host-key", stranger.auth())
                            .status())
                    .isEqualTo(404);
            assertThat(api().get("/api/hosts/" + id + "/host-key", admin()).status())
                    .isEqualTo(200);
        }
    }

    @Test
    void the_policy_is_validated_and_shown_with_the_host() {
        TestUser user = newUser("USER");
        Reply bad = api().post(
                        "/api/hosts",
                        Map.of(
                                "name",
                                "lax",
                                "address",
                                "127.0.0.1",
                                "username",
                                "u",
                                "authType",
                                "none",
                                "hostKeyPolicy",
                                "lax"),
                        user.auth());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("hostKeyPolicy");

        long id = createHost(api(), user.auth(), "defaulted", 22, "u");
        assertThat(api().get("/api/hosts/" + id, user.auth()).map()).containsEntry("hostKeyPolicy", "tofu");
    }

    @Test
    void a_jump_host_is_a_hop_of_its_own_whose_key_is_checked_against_its_own_host() throws Exception {
        try (TestSshServer sshd = new TestSshServer()) {
            TestUser user = newUser("USER");
            long jump = passwordHost(user, sshd);
            long target = passwordHost(user, sshd, "jumpHostId", jump);

            Reply tested = api().post("/api/hosts/" + target + "/test", Map.of(), user.auth());

            assertThat(tested.map()).containsEntry("success", true);
            assertThat((List<Map<String, Object>>) tested.map().get("log"))
                    .filteredOn(e -> e.get("stage").equals("authentication"))
                    .extracting(e -> ((Number) e.get("hostId")).longValue())
                    .containsExactly(jump, target);
            assertThat(api().get("/api/hosts/" + jump + "/host-key", user.auth())
                            .map())
                    .containsEntry("known", true);
            assertThat(api().get("/api/hosts/" + target + "/host-key", user.auth())
                            .map())
                    .containsEntry("known", true);
            assertThat(ssh.target(caller(user), target).exec("echo via jump").stdout())
                    .isEqualTo("via jump\n");

            // the target's key is forgotten and trusted anew, but the jump host's changed key still stops the way
            sshd.replaceHostKey();
            api().delete("/api/hosts/" + target + "/host-key", user.auth());
            Reply refused = api().post("/api/hosts/" + target + "/test", Map.of(), user.auth());
            assertThat(map(refused, "failure")).containsEntry("code", "HOST_KEY_CHANGED");
            assertThat((List<Map<String, Object>>) refused.map().get("log"))
                    .filteredOn(e -> e.get("outcome").equals("failed"))
                    .extracting(e -> ((Number) e.get("hostId")).longValue())
                    .containsExactly(jump);
        }
    }
}
